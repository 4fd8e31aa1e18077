/**
 * The portal for the HTTP half of the routing benchmark, in processes of its own so that the load
 * generator never shares their event loops (routing-portal.ts sets up each).
 *
 *   node plugins/toll-free/dist/test/bench/routing-server.js
 *
 * BENCH_PORTAL_PROCESSES (default 1): with 1, one host on a fresh SQLite database and its
 * in-process bus. With more, DESIGN.md's scaled-out arrangement: that many stateless host
 * processes on one PostgreSQL schema and one NATS JetStream stream, sharing the HTTPS port through
 * Node's cluster module, whose primary hands each new connection to the next process in turn (the
 * load balancer; a kept-alive connection stays with its process). Every process answers the
 * routing query from its own compiled plans and checks tokens and entitlements itself.
 *
 * Sends { ready } over the IPC channel, answers 'cpu' with the CPU all its processes have used
 * (process.cpuUsage(), so the benchmark can report CPU per query); stops on SIGTERM.
 */
import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { natsServers, openPostgres } from '../support/switchboard.js';
import { seedPortal, startPortalHost, type PortalStorage, type Ready } from './routing-portal.js';

type CpuUsage = NodeJS.CpuUsage;
type FromWorker = { started: { url: string; ready?: Ready } } | { cpu: CpuUsage };

const processes = Number(process.env.BENCH_PORTAL_PROCESSES ?? 1);
const addCpu = (a: CpuUsage, b: CpuUsage): CpuUsage => ({ user: a.user + b.user, system: a.system + b.system });

/** One host in this process, on SQLite. */
async function runAlone(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sb-bench-routing-'));
  const host = await startPortalHost({ dataDir });
  const ready = await seedPortal(host);
  process.send!({ ready });
  process.on('message', (message) => {
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
  });
  process.on('SIGTERM', () => {
    void host.stop().then(() => rm(dataDir, { recursive: true, force: true })).then(() => process.exit(0));
  });
}

/** A host in a cluster worker: the storage its primary chose; the first also seeds it. */
async function runWorker(): Promise<void> {
  const storage = JSON.parse(process.env.BENCH_PORTAL_STORAGE!) as PortalStorage;
  const host = await startPortalHost(storage);
  const ready = process.env.BENCH_PORTAL_SEED ? await seedPortal(host) : undefined;
  process.send!({ started: { url: host.url, ready } } satisfies FromWorker);
  process.on('message', (message) => {
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() } satisfies FromWorker);
    if (message === 'stop') void host.stop().then(() => process.exit(0));
  });
}

function fork(env: Record<string, string>): Promise<{ worker: Worker; url: string; ready?: Ready }> {
  const worker = cluster.fork(env);
  return new Promise((resolve, reject) => {
    worker.once('exit', (code) => reject(new Error(`a portal process exited (${code}) before it was ready`)));
    worker.once('message', (message: FromWorker) => {
      if ('started' in message) resolve({ worker, ...message.started });
    });
  });
}

function cpuOf(worker: Worker): Promise<CpuUsage> {
  return new Promise((resolve) => {
    const listener = (message: FromWorker) => {
      if (!('cpu' in message)) return;
      worker.off('message', listener);
      resolve(message.cpu);
    };
    worker.on('message', listener);
    worker.send('cpu');
  });
}

/** The cluster's primary: the shared storage, the processes one after another (the first seeds), the answers for the benchmark. */
async function supervise(count: number): Promise<void> {
  const database = await openPostgres();
  const tag = randomBytes(4).toString('hex');
  const nats = { servers: natsServers, stream: `SB_BENCH_${tag}`, subjectPrefix: `b${tag}` };
  const dataDir = await mkdtemp(join(tmpdir(), 'sb-bench-routing-'));
  const storage: PortalStorage = { dataDir, database: { url: database.url!, schema: database.schema! }, nats };
  const env = { BENCH_PORTAL_STORAGE: JSON.stringify(storage) };
  const first = await fork({ ...env, BENCH_PORTAL_SEED: '1' });
  const workers = [first.worker];
  for (let i = 1; i < count; i++) {
    const next = await fork(env);
    // listen(0) in cluster workers gives every one the port the first was given.
    if (next.url !== first.url) throw new Error(`portal processes listen on ${first.url} and ${next.url}`);
    workers.push(next.worker);
  }
  process.send!({ ready: first.ready });
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    void Promise.all(workers.map(cpuOf)).then((used) => process.send!({ cpu: used.reduce(addCpu, process.cpuUsage()) }));
  });
  process.on('SIGTERM', () => {
    const stopped = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    workers.forEach((worker) => worker.send('stop'));
    void Promise.all(stopped)
      .then(async () => {
        await database.cleanup();
        const nc = await connect({ servers: natsServers });
        await (await jetstreamManager(nc)).streams.delete(nats.stream).catch(() => undefined);
        await nc.close();
        await rm(dataDir, { recursive: true, force: true });
      })
      .finally(() => process.exit(0));
  });
}

if (cluster.isWorker) await runWorker();
else if (processes > 1) await supervise(processes);
else await runAlone();
