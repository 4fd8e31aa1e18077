/**
 * The portal for the traffic benchmark, in a process of its own so that the load generator never
 * shares its event loop: the real traffic plugin on a fresh database (SQLite in a temporary data
 * folder, or a fresh PostgreSQL schema that is dropped on exit), silent log, no fixture identities
 * (real accounts and OAuth clients), the per-address API rate limit raised out of the way.
 *
 *   node test/dist/bench/traffic-server.js sqlite|postgres
 *
 * BENCH_DROP_INDEXES (comma-separated index names) drops those indexes once migrated: to measure
 * what an index costs the ingest, never how the plugin runs.
 *
 * Talks over the IPC channel: sends { ready } once seeded; answers { cpu } (its own CPU time),
 * { counts } (rows stored) and { load } (rollup rows written straight into the hour table, see
 * loadHourRollups); stops on SIGTERM.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHost } from '@switchboard/host';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import { openPostgres, type TestDatabase } from '../support/databases.js';
import { seedTenant, seedUser } from '../support/identity.js';
import { CENTERS, hourRollupKeys, STATES, type LoadRequest, type LoadResult, type ServerMessage } from './traffic-data.js';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const dataDir = await mkdtemp(join(tmpdir(), 'sb-bench-traffic-'));
const pg: TestDatabase | null = kind === 'postgres' ? await openPostgres() : null;

const host = await startHost(
  {
    dataDir,
    server: { host: '127.0.0.1', httpsPort: 0, httpPort: null, rateLimit: { perMinute: 100_000_000, burst: 10_000_000 } },
    log: { level: 'silent' },
    plugins: { dirs: ['plugins'], settings: { traffic: { rawRetentionDays: 3660, simulator: { enabled: false } } } },
    identity: { fixtures: null },
    ...(pg ? { database: { url: pg.url, schema: pg.schema ?? null } } : {}),
  },
  { env: {} },
);

const send = (message: ServerMessage) => process.send!(message);

for (const index of (process.env.BENCH_DROP_INDEXES ?? '').split(',').map((name) => name.trim()).filter(Boolean)) {
  await host.db.knex.raw('drop index ??', [pg?.schema ? `${pg.schema}.${index}` : index]);
}

await seedTenant(host, 'acme', { plugins: ['traffic'] });
await seedTenant(host, 'umbrella', { plugins: ['traffic'] });
const staff = await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager');
const analyst = await seedUser(host, 'acme', 'ana@acme.test', 'analyst');
const reporter = await seedUser(host, 'umbrella', 'rita@umbrella.test', 'analyst');
const edge = await registerApiClient(host.identity, OPERATOR, { tenantId: 'carrier', name: 'bench-sbc', kind: 'network', roleId: 'network-element' });

send({ ready: { port: host.port, url: host.url, cert: host.tls.cert, staff, analyst, reporter, edge: { clientId: edge.client.id, secret: edge.secret } } });

/** Rows per multi-row INSERT: 16 columns a row, within SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = kind === 'sqlite' ? 2000 : 4000;
const COUNTS = ['attempts', 'answered', 'busy', 'no_answer', 'failed', 'blocked', 'terminal_rejects', 'duration_seconds', 'billable_seconds'];
const COLUMNS = ['tenant_id', 'bucket_start', 'dialed_number', 'destination', 'call_center', 'disposition', 'origin_state', ...COUNTS];
const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(', ')})`;
/** A multi-row INSERT of placeholders only: the table, the columns and every value are bindings. */
const insertStatement = (rows: number) => ['insert into ?? (', COLUMNS.map(() => '??').join(', '), ') values ', Array(rows).fill(ROW_PLACEHOLDERS).join(', ')].join('');

/**
 * Writes hour rollup rows as the ingest would have left them for `calls` calls of one tenant over
 * `days` days before `end`, straight into traffic_rollups_hour with multi-row inserts (one
 * transaction an hour), hours in a scattered order so that a load cut short by its time budget
 * still spans the whole window; then the per-number day rows, summed from those hours as the
 * ingest keeps them. Raw records and minute rows are not written: the per-day summary reads only
 * the per-number day rows (and, split by a column other than the dialed number, the hour rows).
 */
async function loadHourRollups(request: LoadRequest): Promise<LoadResult> {
  const knex = host.db.knex;
  const hours = request.days * 24;
  const end = Date.parse(request.end);
  const started = performance.now();
  let rows = 0;
  let calls = 0;
  let hoursLoaded = 0;
  let generateMs = 0;
  // 443 is prime and coprime to 720 (and not near ±1 mod 720): k * 443 mod hours visits every hour once, scattered.
  for (let k = 0; k < hours; k++) {
    if (performance.now() - started > request.budgetSeconds * 1000) break;
    const h = (k * 443) % hours;
    const bucket = new Date(end - (hours - h) * 3_600_000);
    const g = performance.now();
    const { rows: hourRows, calls: hourCalls } = hourRollupKeys(request.tenantId, bucket, request.calls / request.days, h);
    generateMs += performance.now() - g;
    await knex.transaction(async (trx) => {
      // Plain multi-row VALUES (knex writes SQLite's multi-row insert as a compound SELECT, capped at 500 terms).
      for (let at = 0; at < hourRows.length; at += ROWS_PER_INSERT) {
        const piece = hourRows.slice(at, at + ROWS_PER_INSERT);
        await trx.raw(insertStatement(piece.length), [
          'traffic_rollups_hour',
          ...COLUMNS,
          ...piece.flatMap((row) => COLUMNS.map((column) => row[column]!)),
        ]);
      }
    });
    rows += hourRows.length;
    calls += hourCalls;
    hoursLoaded++;
  }
  // The per-number day rows the ingest keeps beside the hour rows (migration 004), summed from them.
  const day = knex.raw("substr(bucket_start, 1, 10) || 'T00:00:00.000Z'");
  await knex('traffic_rollups_number_day').insert(
    knex('traffic_rollups_hour')
      .where('tenant_id', request.tenantId)
      .select('tenant_id', knex.raw('? as bucket_start', [day]), 'dialed_number')
      .sum(Object.fromEntries(COUNTS.map((column) => [column, column])))
      .groupBy('tenant_id', day, 'dialed_number'),
  );
  // And the days per destination and call center (migration 008), summed from them the same way.
  await knex('traffic_rollups_destination_day').insert(
    knex('traffic_rollups_hour')
      .where('tenant_id', request.tenantId)
      .select('tenant_id', knex.raw('? as bucket_start', [day]), 'dialed_number', 'destination', 'call_center')
      .sum(Object.fromEntries(COUNTS.map((column) => [column, column])))
      .groupBy('tenant_id', day, 'dialed_number', 'destination', 'call_center'),
  );
  const numberDayRows = Number(((await knex('traffic_rollups_number_day').where('tenant_id', request.tenantId).count({ n: '*' }).first()) as { n: number | string }).n);
  if (kind === 'postgres') await knex.raw('analyze traffic_rollups_hour; analyze traffic_rollups_number_day; analyze traffic_rollups_destination_day');
  else await knex.raw('analyze');
  return { rows, numberDayRows, calls, hoursLoaded, hours, seconds: (performance.now() - started) / 1000, generateSeconds: generateMs / 1000, centers: CENTERS.length, states: STATES.length };
}

async function counts() {
  const count = async (table: string) => Number(((await host.db.knex(table).count({ n: '*' }).first()) as { n: number | string }).n);
  return { calls: await count('traffic_calls'), minuteRows: await count('traffic_rollups_minute'), hourRows: await count('traffic_rollups_hour') };
}

process.on('message', (message: { id: number; ask: 'cpu' | 'counts' | 'load'; load?: LoadRequest }) => {
  void (async () => {
    try {
      if (message.ask === 'cpu') send({ id: message.id, answer: process.cpuUsage() });
      else if (message.ask === 'counts') send({ id: message.id, answer: await counts() });
      else send({ id: message.id, answer: await loadHourRollups(message.load!) });
    } catch (error) {
      send({ id: message.id, error: String(error instanceof Error ? error.message : error).slice(0, 1000) });
    }
  })();
});

process.on('SIGTERM', () => {
  void host
    .stop()
    .then(() => pg?.cleanup())
    .then(() => rm(dataDir, { recursive: true, force: true }))
    .finally(() => process.exit(0));
});
