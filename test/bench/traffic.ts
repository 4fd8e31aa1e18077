/**
 * `npm run bench -- traffic`: the traffic plugin's ingest, live stream and summary (issue 4).
 *
 *  (1) Sustained ingest: NDJSON batches of 1,000 canonical records posted to POST /api/traffic/cdrs
 *      by 2 and then 4 concurrent senders (one kept-alive HTTPS connection each, as a switch's
 *      OAuth client with the network-element role), on SQLite and on PostgreSQL; every record
 *      attributed by its dialed number, stored and rolled up per minute and per hour. In two modes:
 *      a backlog replay (each batch's calls over a whole day) and a live feed (calls in end-time
 *      order, as a switch reports them). With the CPU each process used while it ran (the portal,
 *      PostgreSQL's backends, this load generator).
 * (1b) The floor under (1): the ingest's database write alone on SQLite, batch after batch,
 *      without HTTP, TLS, parsing or validation (test/bench/traffic-floor.ts): with the rollup
 *      triggers, without them, and with only the unique key; rows/s and CPU per row.
 *  (2) Commit to Server-Sent Event: 500 clients on GET /api/traffic/live (one analyst's session
 *      cookie) while small batches are posted at a steady rate; per call and client, the time from
 *      the ingest's 200 (the commit) to the event's arrival.
 *  (3) A 30-day per-day GET /api/traffic/summary for one customer whose hour rollups hold as many
 *      calls as could be written within a time budget (straight into the table, see
 *      traffic-server.ts), 20 requests.
 *
 * The portal runs in a child process (test/bench/traffic-server.ts); this process only generates
 * load. BENCH_PARTS picks parts (see wantedParts). BENCH_SECONDS (default 20) per ingest and floor row and for the stream; BENCH_LOAD_SECONDS (default
 * 90) for writing the summary's rollups; BENCH_SUMMARY_CALLS (default 10,000,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as oidc from 'openid-client';
import { SESSION_COOKIE } from '@switchboard/host/dist/identity/cookies.js';
import { fetchWithCa } from '../support/fetch-with-ca.js';
import { signIn } from '../support/identity.js';
import { postgresUrl, isReachable } from '../support/services.js';
import { WebClient } from '../support/web-client.js';
import { batchSource, DIALED, MODE_LABEL, MODES, ndjsonBatch, type BatchSource, type LoadRequest, type LoadResult, type Mode, type Ready, type SeededAccount, type ServerMessage } from './traffic-data.js';
import type { FloorFigures } from './traffic-floor.js';
import { portalNodeArgs } from './portal-node-args.js';

const server = fileURLToPath(new URL('./traffic-server.js', import.meta.url));
const floorScript = fileURLToPath(new URL('./traffic-floor.js', import.meta.url));
/** Records per ingest request (BENCH_BATCH, default 1,000: the portal's records per transaction, RECORDS_PER_BATCH). */
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);

interface Portal {
  kind: 'sqlite' | 'postgres';
  child: ChildProcess;
  ready: Ready;
  ask<T>(ask: 'cpu' | 'counts' | 'load', load?: LoadRequest): Promise<T>;
}

async function startPortal(kind: 'sqlite' | 'postgres'): Promise<Portal> {
  const nodeArgs = portalNodeArgs();
  const child = spawn(process.execPath, [...nodeArgs, server, kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.on('message', (message: ServerMessage) => {
      if ('ready' in message) return resolve(message.ready);
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if ('error' in message) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.answer);
    });
    child.once('exit', (code) => reject(new Error(`the benchmark portal exited (${code}) before it was ready`)));
  });
  const ask = <T>(what: 'cpu' | 'counts' | 'load', load?: LoadRequest) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ask: what, load });
    });
  return { kind, child, ready, ask };
}

function stopPortal(portal: Portal): Promise<void> {
  return new Promise((resolve) => {
    if (portal.child.exitCode !== null) return resolve();
    portal.child.once('exit', () => resolve());
    portal.child.kill('SIGTERM');
  });
}

/** The switch's bearer token, by client credentials through openid-client, as its own code would get it. */
async function edgeToken(ready: Ready): Promise<string> {
  const { clientId, secret } = ready.edge;
  const config = await oidc.discovery(new URL(`${ready.url}/oidc`), clientId, secret, oidc.ClientSecretBasic(secret), {
    [oidc.customFetch]: fetchWithCa(ready.cert) as unknown as oidc.CustomFetch,
  });
  return (await oidc.clientCredentialsGrant(config)).access_token;
}

/** A person signed in through the real pages: the web client, its session cookie and the shell's anti-forgery headers. */
async function signedIn(ready: Ready, account: SeededAccount) {
  const client = new WebClient(ready.url, ready.cert);
  const landed = await signIn(client, account.login, account.password);
  if (landed.path !== '/') throw new Error(`${account.login} did not sign in (${landed.status} at ${landed.path})`);
  const session = await client.request('GET', '/api/shell/session');
  const headers = { origin: ready.url, 'x-csrf-token': session.body.csrfToken as string };
  return { client, headers, cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE) ?? ''}` };
}

interface IngestAnswer {
  stored: number;
  duplicates: number;
  refused: unknown[];
}

function postCdrs(ready: Ready, agent: Agent | false, token: string, body: string): Promise<IngestAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: ready.port,
        method: 'POST',
        path: '/api/traffic/cdrs',
        ca: ready.cert,
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`POST /api/traffic/cdrs: ${res.statusCode} ${text.slice(0, 300)}`));
          const answer = JSON.parse(text) as IngestAnswer;
          if (answer.refused.length) return reject(new Error(`records refused: ${JSON.stringify(answer.refused.slice(0, 3))}`));
          resolve(answer);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function getJson(ready: Ready, path: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ready.port, path, headers, ca: ready.cert, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new Error(`${path}: ${res.statusCode} ${text.slice(0, 300)}`));
        resolve(JSON.parse(text) as Record<string, unknown>);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sortedCopy = (values: number[]) => [...values].sort((a, b) => a - b);

/** CPU seconds (user + system) of every PostgreSQL process on this machine, from /proc; 0 where it cannot be read. */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone in between
    }
  }
  return ticks / 100;
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

interface IngestFigures {
  kind: string;
  mode: Mode;
  senders: number;
  seconds: number;
  posts: number;
  stored: number;
  perSecond: number;
  p50: number;
  p99: number;
  portalCpu: number;
  postgresCpu: number;
  loaderCpu: number;
}

async function ingestLoad(portal: Portal, token: string, nextBody: BatchSource, senders: number, seconds: number, label: string, mode: Mode): Promise<IngestFigures> {
  const times: number[] = [];
  let stored = 0;
  let posts = 0;
  const portalBefore = await portal.ask<NodeJS.CpuUsage>('cpu');
  const pgBefore = postgresCpuSeconds();
  const loaderBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: senders }, async (_, s) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let n = 0; performance.now() < deadline; n++) {
          const body = nextBody(s, n, `${label}-${s}-${n}`);
          const t = performance.now();
          const answer = await postCdrs(portal.ready, agent, token, body);
          times.push(performance.now() - t);
          stored += answer.stored;
          posts++;
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const portalAfter = await portal.ask<NodeJS.CpuUsage>('cpu');
  const sorted = sortedCopy(times);
  return {
    kind: portal.kind,
    mode,
    senders,
    seconds: elapsed,
    posts,
    stored,
    perSecond: stored / elapsed,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    portalCpu: (cpuSeconds(portalAfter) - cpuSeconds(portalBefore)) / elapsed,
    postgresCpu: portal.kind === 'postgres' ? (postgresCpuSeconds() - pgBefore) / elapsed : 0,
    loaderCpu: cpuSeconds(process.cpuUsage(loaderBefore)) / elapsed,
  };
}

/** Carrier staff gives acme its dialed numbers through the API, so that the records are attributed to it. */
async function assignNumbers(portal: Portal): Promise<void> {
  const staff = await signedIn(portal.ready, portal.ready.staff);
  for (const number of DIALED) {
    const answer = await staff.client.request('PUT', `/api/traffic/numbers/${number}`, { headers: staff.headers, json: { tenantId: 'acme' } });
    if (answer.status !== 200) throw new Error(`assigning ${number}: ${answer.status} ${answer.text.slice(0, 200)}`);
  }
}

async function ingestBenchmark(portal: Portal, seconds: number): Promise<IngestFigures[]> {
  const token = await edgeToken(portal.ready);
  const figures: IngestFigures[] = [];
  for (const mode of MODES) {
    const source = batchSource(mode, BATCH);
    // Warm-up: JIT, the database's pages, the rollup rows (later batches add to them).
    await ingestLoad(portal, token, source, 2, 3, `${portal.kind}-${mode}-warm`, mode);
    for (const senders of [2, 4]) figures.push(await ingestLoad(portal, token, source, senders, seconds, `${portal.kind}-${mode}-${senders}`, mode));
  }
  const counts = await portal.ask<{ calls: number; minuteRows: number; hourRows: number }>('counts');
  console.log(
    `   ${portal.kind}: after the runs ${counts.calls.toLocaleString('en-US')} calls stored, ${counts.minuteRows.toLocaleString('en-US')} minute and ${counts.hourRows.toLocaleString('en-US')} hour rollup rows`,
  );
  return figures;
}

function printIngest(all: IngestFigures[], seconds: number) {
  console.log(`\n(1) Sustained ingest: POST /api/traffic/cdrs, NDJSON, ${BATCH.toLocaleString('en-US')} records a request (the portal commits up to RECORDS_PER_BATCH = 1,000 of them a transaction), HTTPS on loopback, ${cpus().length} cores;`);
  console.log(`    ${seconds} s per row after a 3 s warm-up per mode; records: ${DIALED.length} dialed numbers, 6 call centers/destinations, ~54 caller area codes, 5 dispositions;`);
  console.log('    mode day-spread: a backlog replay, each batch\'s calls start all over one UTC day (index pages all over the day; its 24 reused batches add to the same rollup rows);');
  console.log(`    mode live feed: calls as a switch reports them, when they end: each batch the next ${BATCH / 1000} s of end times, in order, starts within ~10 minutes (run after day-spread, on the same tables)`);
  console.log('    CPU columns: cores busy on average (1.00 = one core) in the portal process, PostgreSQL backends, and this load generator;');
  console.log('    CDRs per CPU-s: stored records per second of CPU the portal (and PostgreSQL) used, which other work on the machine skews less than CDRs/s\n');
  console.log('database   mode        senders   requests   stored    CDRs/s   p50/request   p99/request   portal  postgres  loader   CDRs/CPU-s');
  for (const r of all) {
    const perCpuSecond = r.perSecond / Math.max(0.01, r.portalCpu + r.postgresCpu);
    console.log(
      `${r.kind.padEnd(10)} ${MODE_LABEL[r.mode].padEnd(10)} ${String(r.senders).padStart(7)}   ${String(r.posts).padStart(8)} ${String(r.stored).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(10)} ms ${r.p99.toFixed(1).padStart(10)} ms ${r.portalCpu.toFixed(2).padStart(8)} ${(r.kind === 'postgres' ? r.postgresCpu.toFixed(2) : '-').padStart(9)} ${r.loaderCpu.toFixed(2).padStart(7)} ${perCpuSecond.toFixed(0).padStart(12)}`,
    );
  }
  if (process.env.BENCH_DROP_INDEXES) console.log(`    MEASUREMENT ONLY: indexes dropped before the runs (BENCH_DROP_INDEXES): ${process.env.BENCH_DROP_INDEXES}`);
  console.log(`    machine load average (1, 5, 15 min) at the end: ${loadavg().map((load) => load.toFixed(2)).join(', ')} on ${cpus().length} cores (other work on the machine lowers CDRs/s)`);
  for (const mode of MODES) {
    const sqliteRows = all.filter((r) => r.kind === 'sqlite' && r.mode === mode);
    if (!sqliteRows.length) continue;
    const bestSqlite = Math.max(...sqliteRows.map((r) => r.perSecond));
    console.log(
      `    goal (${MODE_LABEL[mode]}): >= 50,000 CDRs/s on SQLite in batches of ${BATCH.toLocaleString('en-US')}; measured best ${bestSqlite.toFixed(0)} CDRs/s (${((bestSqlite / 50_000) * 100).toFixed(1)}% of the goal): ${bestSqlite >= 50_000 ? 'MET' : 'NOT MET'}`,
    );
  }
}

/** The database floor (traffic-floor.ts) in a process of its own, with the portal's node flags; its figures once it has exited. */
function floorBenchmark(seconds: number): Promise<FloorFigures[]> {
  const child = spawn(process.execPath, [...portalNodeArgs(), floorScript, String(seconds), String(BATCH)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let figures: FloorFigures[] | null = null;
  return new Promise((resolve, reject) => {
    child.on('message', (message: { floor: FloorFigures[] }) => (figures = message.floor));
    child.once('exit', (code) => (figures ? resolve(figures) : reject(new Error(`the database floor's process exited (${code}) without its figures`))));
  });
}

const FLOOR_LABEL: Record<FloorFigures['variant'], string> = {
  rollups: 'a) calls, indexes and rollup triggers (the ingest)',
  'no-triggers': 'b) the same without the rollup triggers',
  'unique-only': 'c) only the unique (source, source_id) key',
};

/** (1b), and how the ingest's SQLite rows of (1), when they ran, compare with it. */
function printFloor(floor: FloorFigures[], ingest: IngestFigures[], seconds: number) {
  const batch = BATCH.toLocaleString('en-US');
  const count = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(`\n(1b) The database alone: the ingest's write of ${batch} pre-built calls a batch on SQLite (real tables and triggers, no HTTP/TLS/parsing), one connection, ${seconds} s per row`);
  console.log('    after a 3 s warm-up, each row on a fresh database (the traffic plugin\'s migrations as the host applies them, the host\'s PRAGMAs), in a process of its own;');
  console.log('    CallStore\'s own write (StatementBatchWrite: the rows as one JSON text in one INSERT into the ingest view, whose trigger stores the calls and the outbox row,');
  console.log('    then the read of what went in); the calls of (1)\'s modes, validated and sorted as CallStore does before its clock; tables start empty, unlike (1)\'s;');
  console.log('    CPU: that process\'s user + system time, SQLite\'s thread in libuv\'s pool included, per row stored\n');
  console.log(`${'what'.padEnd(52)} ${'mode'.padEnd(10)} ${'rows/s'.padStart(9)} ${'CPU µs/row'.padStart(11)}`);
  for (const r of floor) console.log(`${FLOOR_LABEL[r.variant].padEnd(52)} ${MODE_LABEL[r.mode].padEnd(10)} ${count(r.perSecond).padStart(9)} ${r.cpuMicrosPerRow.toFixed(1).padStart(11)}`);
  const dropped = (variant: FloorFigures['variant']) => floor.find((r) => r.variant === variant)?.dropped.join(', ') ?? '';
  console.log(`    MEASUREMENT ONLY: b) drops ${dropped('no-triggers')}; c) drops ${dropped('unique-only')}`);
  console.log(`    machine load average (1, 5, 15 min) at the end: ${loadavg().map((load) => load.toFixed(2)).join(', ')} on ${cpus().length} cores`);
  const withRollups = floor.filter((r) => r.variant === 'rollups');
  // Per batch, the one connection is busy 1/rate s a row with the write alone, against 1/rate for a CDR of the ingest.
  for (const alone of withRollups) {
    const rows = ingest.filter((r) => r.kind === 'sqlite' && r.mode === alone.mode);
    if (!rows.length) continue;
    const best = rows.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const ingestCpuMicros = (best.portalCpu / best.perSecond) * 1e6;
    console.log(
      `    (1) against a), ${MODE_LABEL[alone.mode]}: the ingest's best ${count(best.perSecond)} CDRs/s (${best.senders} senders) takes ${(1e6 / best.perSecond).toFixed(1)} µs and ${ingestCpuMicros.toFixed(1)} µs of portal CPU a CDR; ` +
        `the write alone ${(1e6 / alone.perSecond).toFixed(1)} µs (${((best.perSecond / alone.perSecond) * 100).toFixed(0)}%) and ${alone.cpuMicrosPerRow.toFixed(1)} µs CPU (${((alone.cpuMicrosPerRow / ingestCpuMicros) * 100).toFixed(0)}%)`,
    );
  }
  const shares = withRollups.map((r) => `${count(r.perSecond)} rows/s ${MODE_LABEL[r.mode]} (${((r.perSecond / 50_000) * 100).toFixed(1)}%)`);
  console.log(`    goal >= 50,000 CDRs/s on SQLite in batches of ${batch}: the database alone, with the rollups, reaches ${shares.join(' and ')} of it`);
}

/** 500 SSE clients; small batches at a steady rate; commit (the 200) to the event at each client. */
async function liveBenchmark(portal: Portal, seconds: number, clients = 500, perBatch = 5, batchesPerSecond = 4) {
  const { ready } = portal;
  const token = await edgeToken(ready);
  const analyst = await signedIn(ready, ready.analyst);
  /** receipts[batch * 1000 + call] = arrival times (ms, performance.now) of that call at every client. */
  const receipts = new Map<number, number[]>();
  const streams: { destroy(): void }[] = [];
  const opened: Promise<void>[] = [];
  const pattern = /"sourceId":"sse-(\d+)-(\d+)"/g;
  for (let c = 0; c < clients; c++) {
    opened.push(
      new Promise<void>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: ready.port, path: '/api/traffic/live', ca: ready.cert, agent: false, headers: { accept: 'text/event-stream', cookie: analyst.cookie } },
          (res) => {
            if (res.statusCode !== 200) return reject(new Error(`GET /api/traffic/live: ${res.statusCode}`));
            res.setEncoding('utf8');
            let buffer = '';
            res.on('data', (chunk: string) => {
              const at = performance.now();
              // Only whole events (up to the last blank line); the rest waits for the next chunk.
              buffer += chunk;
              const end = buffer.lastIndexOf('\n\n');
              if (end < 0) return;
              const whole = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              pattern.lastIndex = 0;
              for (let m = pattern.exec(whole); m; m = pattern.exec(whole)) {
                const call = Number(m[1]) * 1000 + Number(m[2]);
                let list = receipts.get(call);
                if (!list) receipts.set(call, (list = []));
                list.push(at);
              }
            });
            res.on('error', () => undefined);
            resolve();
          },
        );
        req.on('error', (error) => (streams.length < clients ? reject(error) : undefined));
        req.end();
        streams.push(req);
      }),
    );
  }
  const openStarted = performance.now();
  await Promise.all(opened);
  const openSeconds = (performance.now() - openStarted) / 1000;
  // The stream subscribes after answering; give the last ones a moment, then check every client gets a call.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const today = new Date().toISOString().slice(0, 10);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const batchBody = (b: number) => ndjsonBatch(perBatch, `sse-${b}`, 50_000 + b, today);
  await postCdrs(ready, agent, token, batchBody(0));
  const warmed = () => Array.from({ length: perBatch }, (_, i) => receipts.get(i)?.length ?? 0).reduce((a, b) => a + b, 0);
  for (let i = 0; i < 100 && warmed() < clients * perBatch; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const warm = warmed();
  if (warm < clients * perBatch) throw new Error(`only ${warm} of ${clients * perBatch} warm-up events arrived`);

  const acks = new Map<number, { sent: number; ack: number }>();
  const batches = Math.round(seconds * batchesPerSecond);
  const interval = 1000 / batchesPerSecond;
  const started = performance.now();
  const posting: Promise<void>[] = [];
  for (let b = 1; b <= batches; b++) {
    const due = started + (b - 1) * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = batchBody(b);
    const sent = performance.now();
    posting.push(postCdrs(ready, agent, token, body).then(() => void acks.set(b, { sent, ack: performance.now() })));
  }
  await Promise.all(posting);
  // Let the last events arrive.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  agent.destroy();
  for (const s of streams) s.destroy();

  // The commit happens between sending the POST and its 200, and before the first client gets
  // the call; so for each client the commit-to-event time lies between (arrival - first arrival of
  // that call anywhere) and (arrival - POST sent). The 200 itself may come after the events.
  const fromFirst: number[] = [];
  const fromSend: number[] = [];
  const fromAck: number[] = [];
  let early = 0;
  let received = 0;
  for (let b = 1; b <= batches; b++) {
    const { sent, ack } = acks.get(b)!;
    for (let i = 0; i < perBatch; i++) {
      const arrivals = receipts.get(b * 1000 + i) ?? [];
      const first = Math.min(...arrivals);
      for (const at of arrivals) {
        received++;
        if (at < ack) early++;
        fromAck.push(Math.max(0, at - ack));
        fromSend.push(at - sent);
        fromFirst.push(at - first);
      }
    }
  }
  const expected = batches * perBatch * clients;
  const a = sortedCopy(fromAck);
  const s = sortedCopy(fromSend);
  const f = sortedCopy(fromFirst);
  const posts = [...acks.values()].map((x) => x.ack - x.sent).sort((x, y) => x - y);
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  console.log(`\n(2) Commit to Server-Sent Event: ${clients} clients on GET /api/traffic/live (HTTPS, one acme analyst's session cookie each, opened in ${openSeconds.toFixed(1)} s),`);
  console.log(`    ${batchesPerSecond} NDJSON batches of ${perBatch} calls a second for ${seconds} s (${batchesPerSecond * perBatch} calls/s, ${(batchesPerSecond * perBatch * clients).toLocaleString('en-US')} events/s), on ${portal.kind}, ${cpus().length} cores, loopback\n`);
  console.log(`    events received ${received.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} expected${received === expected ? '' : '  (MISSING SOME)'}`);
  console.log('                                                                         p50        p99        max');
  console.log(`    upper bound: POST sent -> event at a client                      ${ms(quantile(s, 0.5))}  ${ms(quantile(s, 0.99))}  ${ms(s[s.length - 1] ?? NaN)}`);
  console.log(`    lower bound: first client to get the call -> event at a client   ${ms(quantile(f, 0.5))}  ${ms(quantile(f, 0.99))}  ${ms(f[f.length - 1] ?? NaN)}`);
  console.log(`    the ingest's 200 -> event at a client (before the 200 counts 0)  ${ms(quantile(a, 0.5))}  ${ms(quantile(a, 0.99))}  ${ms(a[a.length - 1] ?? NaN)}`);
  console.log(`    the POST itself (sent -> 200)                                    ${ms(quantile(posts, 0.5))}  ${ms(quantile(posts, 0.99))}  ${ms(posts[posts.length - 1] ?? NaN)}`);
  console.log(`    ${((early / Math.max(1, received)) * 100).toFixed(1)}% of the events reached their client before the POST's 200 did (the portal publishes on commit, then answers)`);
  const p99 = quantile(s, 0.99);
  console.log(`    goal: commit -> event p99 under 1 s: ${p99 < 1000 && received === expected ? 'MET' : 'NOT MET'} (upper bound p99 ${p99.toFixed(1)} ms)`);
}

/** A month of one customer's hour rollups, then 20 per-day summaries over it. */
async function summaryBenchmark(portal: Portal, calls: number, budgetSeconds: number) {
  const { ready } = portal;
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const load = await portal.ask<LoadResult>('load', { tenantId: 'umbrella', calls, days: 30, end: end.toISOString(), budgetSeconds });
  const reporter = await signedIn(ready, ready.reporter);
  const from = new Date(end.getTime() - 30 * 86_400_000).toISOString();
  const path = `/api/traffic/summary?granularity=day&from=${encodeURIComponent(from)}&to=${encodeURIComponent(end.toISOString())}`;
  const headers = { cookie: reporter.cookie };
  const first = (await getJson(ready, path, headers)) as { buckets: unknown[]; total: { attempts: number } };
  if (first.total.attempts !== load.calls) throw new Error(`the summary counts ${first.total.attempts} calls, ${load.calls} were loaded`);
  /** p50, p99 and min of sequential requests, each on a fresh connection, after one unmeasured. */
  const timed = async (wanted: string, requests: number) => {
    await getJson(ready, wanted, headers);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      await getJson(ready, wanted, headers);
      times.push(performance.now() - t);
    }
    const sorted = sortedCopy(times);
    return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), min: sorted[0]! };
  };
  const plain = await timed(path, 20);
  const byNumber = await timed(`${path}&groupBy=dialedNumber`, 10);
  const byDestination = await timed(`${path}&groupBy=destination`, 3);
  const line = (figures: { p50: number; p99: number; min: number }) => `p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms (min ${figures.min.toFixed(1)} ms)`;
  console.log(`\n(3) 30-day per-day summary for one customer: GET /api/traffic/summary?granularity=day over 30 days (${first.buckets.length} day buckets), on ${portal.kind}, ${cpus().length} cores`);
  console.log(
    `    data: ${load.calls.toLocaleString('en-US')} calls (of ${calls.toLocaleString('en-US')} wanted) in ${load.rows.toLocaleString('en-US')} hour rollup rows (${(load.calls / Math.max(1, load.rows)).toFixed(2)} calls a row), ${load.hoursLoaded} of ${load.hours} hours,`,
  );
  console.log(`          written in ${load.seconds.toFixed(1)} s (budget ${budgetSeconds} s, of it ${load.generateSeconds.toFixed(1)} s generating) STRAIGHT INTO traffic_rollups_hour with knex multi-row inserts, not through the API,`);
  console.log(`          and ${load.numberDayRows.toLocaleString('en-US')} per-number day rows (traffic_rollups_number_day) summed from them, as the ingest keeps them;`);
  console.log(`          keys: ${DIALED.length} dialed numbers x ${load.centers} call centers x 5 dispositions x ${load.states} origin states, skewed; no raw calls or minute rows for this customer`);
  console.log(`    20 sequential requests on a fresh connection each (the acme ingest rows above are in the same tables): ${line(plain)}`);
  console.log(`    the same split by dialed number (&groupBy=dialedNumber, 20 groups + *other*; per-number day rows), 10 requests: ${line(byNumber)}`);
  console.log(`    the same split by destination (&groupBy=destination; the days per destination and call center), 3 requests: ${line(byDestination)}`);
  // The hour split rounds each hour's calls, so a full load is a few dozen calls short of 10 M.
  const full = load.calls >= 0.9999 * 10_000_000;
  console.log(`    goal: 10 M calls (within the hours' rounding) under 200 ms: ${full && plain.p99 < 200 ? 'MET' : 'NOT MET'} (${load.calls.toLocaleString('en-US')} calls, p99 ${plain.p99.toFixed(1)} ms)`);
}

/** The parts BENCH_PARTS may name (comma-separated; default all), to iterate on one of them. */
const PARTS = ['ingest', 'floor', 'live', 'summary', 'postgres'] as const;

function wantedParts(): Set<string> {
  const named = (process.env.BENCH_PARTS ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = named.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length) throw new Error(`BENCH_PARTS: unknown ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  return new Set(named.length ? named : PARTS);
}

export async function trafficBenchmark(seconds = Number(process.env.BENCH_SECONDS ?? 20)): Promise<void> {
  const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 90);
  const summaryCalls = Number(process.env.BENCH_SUMMARY_CALLS ?? 10_000_000);
  const parts = wantedParts();
  const started = performance.now();
  const ingest: IngestFigures[] = [];
  let floor: FloorFigures[] = [];

  if (parts.has('ingest') || parts.has('live') || parts.has('summary')) {
    const sqlite = await startPortal('sqlite');
    try {
      await assignNumbers(sqlite);
      if (parts.has('ingest')) ingest.push(...(await ingestBenchmark(sqlite, seconds)));
      if (parts.has('live')) await liveBenchmark(sqlite, seconds);
      if (parts.has('summary')) await summaryBenchmark(sqlite, summaryCalls, loadSeconds);
    } finally {
      await stopPortal(sqlite);
    }
  }
  // Once the portal has stopped: the floor has the machine to itself.
  if (parts.has('floor')) floor = await floorBenchmark(seconds);

  const pgAddress = new URL(postgresUrl);
  if (parts.has('postgres') && (await isReachable(pgAddress.hostname, Number(pgAddress.port || 5432)))) {
    const postgres = await startPortal('postgres');
    try {
      await assignNumbers(postgres);
      ingest.push(...(await ingestBenchmark(postgres, seconds)));
    } finally {
      await stopPortal(postgres);
    }
  } else if (parts.has('postgres')) console.log(`\nPostgreSQL is not reachable at ${pgAddress.host}: its ingest row is skipped`);

  if (ingest.length) printIngest(ingest, seconds);
  if (floor.length) printFloor(floor, ingest, seconds);
  console.log(`\n(whole traffic benchmark: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
