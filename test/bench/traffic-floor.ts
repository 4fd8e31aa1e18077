/**
 * The floor under the traffic ingest: what SQLite alone does with the ingest's one INSERT, in a
 * process of its own (no portal, so its CPU time is the statement's and nothing else's).
 *
 *   node test/dist/bench/traffic-floor.js <seconds per row> <records per batch>
 *
 * Each row gets a fresh SQLite file opened by the host's own openDatabase (its PRAGMAs) and the
 * traffic plugin's real migrations applied as the host applies them (tables, indexes, rollup
 * triggers); then, on one connection, batch after batch goes through CallStore's own write on
 * SQLite (StatementBatchWrite: the one INSERT into the ingest view, then the read of what went
 * in), each batch's records built from the ingest's own generators and validated before its
 * clock runs. Sends the figures over IPC (or prints them when run alone).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import type { PluginStorage } from '@switchboard/sdk';
import { createPluginStorage, loadMigrationsFrom, openDatabase, runMigrations, type Database } from '@switchboard/host/dist/storage/index.js';
import { batchSource, MODES, type Mode } from './traffic-data.js';

/** What is left of the calls table's write path in a row. */
export type FloorVariant = 'rollups' | 'no-triggers' | 'unique-only';

export interface FloorFigures {
  variant: FloorVariant;
  mode: Mode;
  rows: number;
  /** Seconds the INSERTs ran (batch building excluded). */
  seconds: number;
  perSecond: number;
  /** Process CPU (user + system, every thread: SQLite runs on libuv's pool) per row stored. */
  cpuMicrosPerRow: number;
  /** Triggers and indexes dropped for this row, by name. */
  dropped: string[];
}

// The traffic plugin builds after this project (its tests use test/support): its compiled files are loaded at run time.
const pluginDir = fileURLToPath(new URL('../../../plugins/traffic/', import.meta.url));
const pluginModule = async <T>(path: string) => (await import(pathToFileURL(join(pluginDir, 'dist/src', path)).href)) as T;

interface BatchWriteLike {
  write(calls: readonly object[], receivedAt: string): Promise<{ inserted: unknown[] }>;
}
const { StatementBatchWrite } = await pluginModule<{ StatementBatchWrite: new (storage: PluginStorage) => BatchWriteLike }>('server/statement-batch-write.js');
const { uniqueInOrder } = await pluginModule<{ uniqueInOrder(calls: readonly object[]): object[] }>('server/call-store.js');
const { validateCallRecord } = await pluginModule<{ validateCallRecord(input: unknown): { record: { source: string; sourceId: string } } | { errors: unknown[] } }>('cdr/validate-call-record.js');

/** Every call goes to one tenant, as the ingest attributes the benchmark's numbers to acme. */
const TENANT = 'acme';
const WARM_UP_SECONDS = 3;
/** Batches built at a time, outside the clock (~20 ms each): a second or so of INSERTs, little memory. */
const BATCHES_PER_ROUND = 20;

/**
 * An NDJSON batch as CallStore.ingest hands it to its write: each record checked by the plugin's
 * own validation (which derives durations and the caller's origin, a rollup key), attributed,
 * sorted by (source, sourceId) as CallStore sorts them.
 */
function attributedCalls(ndjson: string): object[] {
  const calls = ndjson
    .trimEnd()
    .split('\n')
    .map((line) => {
      const result = validateCallRecord(JSON.parse(line));
      if (!('record' in result)) throw new Error(`a benchmark record is invalid: ${JSON.stringify(result.errors)}`);
      return { ...result.record, tenantId: TENANT };
    });
  return uniqueInOrder(calls);
}

/** A fresh database with the traffic plugin's migrations, as plugin-runtime.ts applies them. */
async function migrated(dir: string): Promise<{ db: Database; storage: PluginStorage; calls: string }> {
  const db = await openDatabase({ sqliteFile: join(dir, 'floor.sqlite') });
  const { switchboard } = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')) as { switchboard: { id: string; migrations: string } };
  const storage = createPluginStorage(db, switchboard.id);
  await runMigrations(db, { owner: switchboard.id, prefix: storage.prefix, migrations: await loadMigrationsFrom(join(pluginDir, switchboard.migrations)) });
  return { db, storage, calls: storage.table('calls') };
}

/** Drops the calls table's triggers and, for unique-only, its indexes but the unique ones: measurement only. */
async function strip(knex: Knex, calls: string, variant: FloorVariant): Promise<string[]> {
  if (variant === 'rollups') return [];
  const triggers = (await knex('sqlite_master').select('name').where({ type: 'trigger', tbl_name: calls })) as { name: string }[];
  for (const { name } of triggers) await knex.raw('drop trigger ??', [name]);
  if (variant === 'no-triggers') return triggers.map(({ name }) => name);
  // origin 'c': made by CREATE INDEX (not a key's automatic index, which cannot be dropped).
  const indexes = (await knex.raw("select name from pragma_index_list(?) where origin = 'c' and \"unique\" = 0", [calls])) as { name: string }[];
  for (const { name } of indexes) await knex.raw('drop index ??', [name]);
  return [...triggers, ...indexes].map(({ name }) => name);
}

/**
 * Writes pre-built batches (one connection, one statement and one commit a batch, as the ingest
 * commits) until `seconds` of writing have passed. Batches are built in rounds between the timed
 * stretches, so neither clock nor CPU counts them; the write's own JSON of the rows is counted.
 */
async function writeFor(write: BatchWriteLike, next: () => object[], seconds: number) {
  const receivedAt = new Date().toISOString();
  const budgetMs = seconds * 1000;
  let rows = 0;
  let batches = 0;
  let elapsedMs = 0;
  let cpuMicros = 0;
  while (elapsedMs < budgetMs) {
    const round = Array.from({ length: BATCHES_PER_ROUND }, next);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const calls of round) {
      rows += (await write.write(calls, receivedAt)).inserted.length;
      batches++;
      if (elapsedMs + performance.now() - started >= budgetMs) break;
    }
    elapsedMs += performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
  }
  return { rows, batches, seconds: elapsedMs / 1000, cpuMicros };
}

async function measure(variant: FloorVariant, mode: Mode, seconds: number, batch: number): Promise<FloorFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'sb-bench-traffic-floor-'));
  const { db, storage, calls } = await migrated(dir);
  try {
    const dropped = await strip(db.knex, calls, variant);
    const write = new StatementBatchWrite(storage);
    const source = batchSource(mode, batch);
    let n = 0;
    const next = () => {
      const k = n++;
      return attributedCalls(source(0, k, `floor-${k}`));
    };
    // Warm-up: JIT, the statement, the database's first pages and rollup rows.
    await writeFor(write, next, WARM_UP_SECONDS);
    const run = await writeFor(write, next, seconds);
    if (run.rows !== run.batches * batch) throw new Error(`${run.rows} rows stored of ${run.batches * batch}: some records were taken as duplicates`);
    return { variant, mode, rows: run.rows, seconds: run.seconds, perSecond: run.rows / run.seconds, cpuMicrosPerRow: run.cpuMicros / run.rows, dropped };
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function measureFloor(seconds: number, batch: number): Promise<FloorFigures[]> {
  const figures: FloorFigures[] = [];
  for (const variant of ['rollups', 'no-triggers', 'unique-only'] as const) {
    for (const mode of MODES) figures.push(await measure(variant, mode, seconds, batch));
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureFloor(Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 1_000));
  if (process.send) process.send({ floor: figures }, () => process.disconnect());
  else console.log(JSON.stringify(figures, null, 2));
}
