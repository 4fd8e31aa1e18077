/**
 * The HTTP half of `npm run bench -- routing`: POST /api/toll-free/route over HTTPS on loopback,
 * as a SIP proxy asks per call, through the whole host (TLS, security headers, rate limit, the
 * bearer token resolved to a network element's identity, the dispatcher's entitlement check and
 * ajv on the body and the answer) to the compiled plan in memory. The route is served on the
 * dispatcher's direct lane (host/src/dispatcher/direct-lane.ts); a last row asks the same query
 * through the Koa app, to show what the lane saves. The portal runs in a child
 * process (plugins/toll-free/test/bench/routing-server.ts); the load comes from wrk when it is
 * installed (routing-wrk.ts: C, one thread), else from autocannon in this process, and the
 * benchmark says which (BENCH_LOAD_GENERATOR=autocannon forces autocannon). BENCH_PORTAL_PROCESSES=2
 * runs the portal as two host processes on PostgreSQL and NATS sharing the port (the scaled-out
 * arrangement; see routing-server.ts); the default is one on SQLite.
 *
 *  (1) as many queries a second as 50 kept-alive connections get answered, p50 and p99;
 *  (2) a steady 5,000 a second on the same connections, p50 and p99 (with wrk, paced evenly and
 *      timed to the microsecond; autocannon sends each second's share in a burst at its start and
 *      rounds to whole milliseconds);
 *  (3) one connection, one query after another, timed to the microsecond: the latency of a
 *      query with nothing queued before it.
 * Beside each: the CPU the portal and the load generator spent per query (the machine's two
 * cores are shared, so queries/s moves with whatever else runs; CPU per query moves less), and
 * the load average before the runs. The bodies come from the in-process benchmark's pool (callers
 * from 200 area codes and elsewhere, instants over a week). BENCH_SECONDS (default 10) for (1) and (2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:https';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import * as oidc from 'openid-client';
import { fetchWithCa } from '../support/fetch-with-ca.js';
import { runWrk, wrkInstalled } from './routing-wrk.js';
import { portalNodeArgs } from './portal-node-args.js';

/** autocannon's options this benchmark uses beyond those test/bench/autocannon.d.ts declares. */
interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  /** Cycled through, per connection. */
  requests: Array<{ method: string; body: string }>;
  /** Requests per second across all connections. */
  overallRate?: number;
}

interface Ready {
  url: string;
  cert: string;
  clientId: string;
  secret: string;
  bodies: string[];
}

const server = fileURLToPath(new URL('../../../plugins/toll-free/dist/test/bench/routing-server.js', import.meta.url));
const PATH = '/api/toll-free/route';

function startPortal<R = Ready>(file = server): Promise<{ child: ChildProcess; ready: R }> {
  const nodeArgs = portalNodeArgs();
  const child = spawn(process.execPath, [...nodeArgs, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ready: R }) => resolve({ child, ready: message.ready }));
    child.once('exit', (code) => reject(new Error(`the routing benchmark's server ${file} exited (${code}) before it was ready`)));
  });
}

const floorServer = fileURLToPath(new URL('./https-floor-server.js', import.meta.url));

/**
 * The same loads on a bare Node HTTPS server answering a fixed JSON (https-floor-server.ts), as many
 * processes as the portal: what this machine allows any Node server, before a single check, as
 * fast as answered and at the steady 5,000 a second of the latency goal.
 */
async function floor(generator: Generator, bodies: string[], seconds: number): Promise<{ flat: Measured; steady: Measured }> {
  const { child, ready } = await startPortal<{ url: string }>(floorServer);
  try {
    const run = async (runSeconds: number, rate?: number) => {
      const before = await portalCpuSeconds(child);
      const result = await generateLoad(generator, { url: `${ready.url}${PATH}`, headers: { 'content-type': 'application/json' }, bodies, seconds: runSeconds, rate });
      return { ...result, portalCpuSeconds: (await portalCpuSeconds(child)) - before };
    };
    await run(3);
    return { flat: await run(seconds), steady: await run(seconds, 5_000) };
  } finally {
    await stopPortal(child);
  }
}

function stopPortal(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** One query after another on one kept-alive HTTPS connection, each timed with the high-resolution clock. */
async function probe(ready: Ready, headers: Record<string, string>, count: number, format = ''): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: ready.cert, servername: 'localhost' });
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const body = ready.bodies[i % ready.bodies.length]!;
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const req = request(`${ready.url}${PATH}${format}`, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/** What one load run measured: answers a second, latency in milliseconds, CPU seconds of the load generator (null when unknown). */
interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  generatorCpuSeconds: number | null;
}

type Generator = 'wrk' | 'autocannon';

function chooseGenerator(): Generator {
  if (process.env.BENCH_LOAD_GENERATOR === 'autocannon') return 'autocannon';
  return wrkInstalled() ? 'wrk' : 'autocannon';
}

async function generateLoad(generator: Generator, run: { url: string; headers: Record<string, string>; bodies: string[]; seconds: number; rate?: number }): Promise<LoadResult> {
  if (generator === 'wrk') {
    const result = await runWrk({ ...run, connections: 50 });
    if (result.errors || result.non2xx) throw new Error(`${result.errors} errors, ${result.non2xx} non-2xx answers`);
    return { requests: result.requests, perSecond: result.perSecond, p50: result.p50, p99: result.p99, max: result.max, generatorCpuSeconds: result.cpuSeconds };
  }
  const load: LoadOptions = {
    url: run.url,
    connections: 50,
    duration: run.seconds,
    headers: run.headers,
    requests: run.bodies.map((body) => ({ method: 'POST', body })),
    ...(run.rate ? { overallRate: run.rate } : {}),
  };
  const cpu = process.cpuUsage();
  const result = await autocannon(load as Parameters<typeof autocannon>[0]);
  const used = process.cpuUsage(cpu);
  if (result.errors || result.non2xx || result.timeouts) throw new Error(`${result.errors} errors, ${result.non2xx} non-2xx answers, ${result.timeouts} timeouts`);
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    generatorCpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** A load run with the CPU the server under test spent meanwhile. */
type Measured = LoadResult & { portalCpuSeconds: number };

/** CPU seconds the portal has used so far (user + system), as it reports over IPC. */
function portalCpuSeconds(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const listener = (message: { cpu?: NodeJS.CpuUsage }) => {
      if (!message.cpu) return;
      child.off('message', listener);
      resolve((message.cpu.user + message.cpu.system) / 1e6);
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

export async function routingHttpBenchmark(seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<void> {
  const generator = chooseGenerator();
  const load = loadavg();
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  const perQuery = (cpuSeconds: number | null, requests: number) => (cpuSeconds === null ? 'unknown' : `${Math.round((cpuSeconds / requests) * 1e6)} µs`);
  const cpu = (r: Measured, server = 'portal') => `CPU per query: ${server} ${perQuery(r.portalCpuSeconds, r.requests)}, ${generator} ${perQuery(r.generatorCpuSeconds, r.requests)}`;
  const latency = (r: Measured) => (generator === 'wrk' ? `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)}` : `p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms`);
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  const { child, ready } = await startPortal();
  try {
    const config = await oidc.discovery(new URL(`${ready.url}/oidc`), ready.clientId, ready.secret, oidc.ClientSecretBasic(ready.secret), {
      [oidc.customFetch]: fetchWithCa(ready.cert) as unknown as oidc.CustomFetch,
    });
    const { access_token: token } = await oidc.clientCredentialsGrant(config);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // The activation reaches the portal's routing over its bus: wait for the first routed answer.
    for (let tries = 0; ; tries++) {
      try {
        await probe(ready, headers, 1);
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const run = async (options: { seconds: number; rate?: number; headers?: Record<string, string>; format?: string; path?: string }) => {
      const before = await portalCpuSeconds(child);
      const result = await generateLoad(generator, { url: `${ready.url}${options.path ?? PATH}${options.format ?? ''}`, headers: options.headers ?? headers, bodies: ready.bodies, seconds: options.seconds, rate: options.rate });
      return { ...result, portalCpuSeconds: (await portalCpuSeconds(child)) - before };
    };
    await run({ seconds: 3 }); // warm-up: the optimising compiler, TLS sessions, the identity cache
    const flat = await run({ seconds });
    const steady = await run({ seconds, rate: 5_000 });
    const alone = await probe(ready, headers, 5_000);
    const aloneRtjson = await probe(ready, headers, 5_000, '?format=rtjson');
    // As Kamailio asks (test/kamailio): HTTP Basic with the network element's id and secret, rtjson.
    const basicHeaders = { ...headers, authorization: `Basic ${Buffer.from(`${ready.clientId}:${ready.secret}`).toString('base64')}` };
    const basic = await run({ seconds, headers: basicHeaders, format: '?format=rtjson' });
    const basicAlone = await probe(ready, basicHeaders, 5_000, '?format=rtjson');
    // The same query with a trailing slash: the direct lane matches exact paths only, so this one
    // goes through the Koa app and its middleware, as every query did before the lane.
    const throughApp = await run({ seconds, path: `${PATH}/` });

    const processes = Number(process.env.BENCH_PORTAL_PROCESSES ?? 1);
    const portal = processes > 1 ? `the portal in ${processes} host processes (PostgreSQL, NATS, one port)` : 'the portal in its own process (SQLite)';
    console.log(`\nPOST ${PATH} over HTTPS on loopback, ${portal}, bearer token of a network element, 50 kept-alive connections`);
    console.log(`load generator: ${generator === 'wrk' ? 'wrk (C, one thread)' : 'autocannon (JavaScript, in the benchmark process; install wrk for a lighter one)'}; load average before: ${load.map((l) => l.toFixed(2)).join(', ')}`);
    console.log(`as fast as answered:  ${count(flat.perSecond)} queries/s over ${seconds} s, ${latency(flat)} (goal >= 10,000/s); ${cpu(flat)}`);
    console.log(`steady 5,000/s:       ${count(steady.perSecond)} queries/s, ${latency(steady)} (goal p99 < 2 ms); ${cpu(steady)}`);
    console.log(`one at a time:        p50 ${ms(alone.p50)}, p99 ${ms(alone.p99)} (JSON); p50 ${ms(aloneRtjson.p50)}, p99 ${ms(aloneRtjson.p99)} (rtjson), 5,000 queries each on one connection`);
    console.log(`HTTP Basic, rtjson (as Kamailio asks): ${count(basic.perSecond)} queries/s as fast as answered, ${latency(basic)}; ${cpu(basic)}; one at a time p50 ${ms(basicAlone.p50)}, p99 ${ms(basicAlone.p99)}`);
    console.log(`through the web app (${PATH}/, which the direct lane passes on to Koa): ${count(throughApp.perSecond)} queries/s as fast as answered, ${latency(throughApp)}; ${cpu(throughApp)}`);
  } finally {
    await stopPortal(child);
  }
  const bare = await floor(generator, ready.bodies, seconds);
  console.log(`floor, a bare Node HTTPS server answering a fixed JSON (no framework, no checks; same loads, same process count):`);
  console.log(`  as fast as answered: ${count(bare.flat.perSecond)} queries/s, ${latency(bare.flat)}; ${cpu(bare.flat, 'server')}`);
  console.log(`  steady 5,000/s:      ${count(bare.steady.perSecond)} queries/s, ${latency(bare.steady)}; ${cpu(bare.steady, 'server')}`);
}
