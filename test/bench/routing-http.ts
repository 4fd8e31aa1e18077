/**
 * The HTTP half of `npm run bench -- routing`: POST /api/toll-free/route over HTTPS on loopback,
 * as a SIP proxy asks per call, through the whole host (TLS, security headers, rate limit, the
 * bearer token resolved to a network element's identity, the dispatcher's entitlement check and
 * ajv on the body and the answer) to the compiled plan in memory. The portal runs in a child
 * process (plugins/toll-free/test/bench/routing-server.ts) with one core to itself; this process
 * generates load with autocannon on the other.
 *
 *  (1) as many queries a second as 50 kept-alive connections get answered, p50 and p99;
 *  (2) a steady 5,000 a second on the same connections, p50 and p99 (autocannon's histogram is
 *      in whole milliseconds);
 *  (3) one connection, one query after another, timed to the microsecond: the latency of a
 *      query with nothing queued before it.
 * The bodies come from the in-process benchmark's pool (callers from 200 area codes and
 * elsewhere, instants over a week). BENCH_SECONDS (default 10) for (1) and (2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:https';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import * as oidc from 'openid-client';
import { fetchWithCa } from '../support/fetch-with-ca.js';

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

function startPortal(): Promise<{ child: ChildProcess; ready: Ready }> {
  // BENCH_SERVER_NODE_ARGS (such as --cpu-prof) go to the portal's node, to see where its time goes.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, server], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ready: Ready }) => resolve({ child, ready: message.ready }));
    child.once('exit', (code) => reject(new Error(`the routing benchmark's portal exited (${code}) before it was ready`)));
  });
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

export async function routingHttpBenchmark(seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<void> {
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
    const url = `${ready.url}${PATH}`;
    const requests = ready.bodies.map((body) => ({ method: 'POST', body }));
    const run = async (options: { duration: number; overallRate?: number }) => {
      const load: LoadOptions = { url, connections: 50, headers, requests, ...options };
      const result = await autocannon(load as Parameters<typeof autocannon>[0]);
      if (result.errors || result.non2xx || result.timeouts) throw new Error(`${result.errors} errors, ${result.non2xx} non-2xx answers, ${result.timeouts} timeouts`);
      return result;
    };
    await run({ duration: 3 }); // warm-up: the optimising compiler, TLS sessions, the identity cache
    const flat = await run({ duration: seconds });
    const steady = await run({ duration: seconds, overallRate: 5_000 });
    const alone = await probe(ready, headers, 5_000);
    const aloneRtjson = await probe(ready, headers, 5_000, '?format=rtjson');

    const ms = (value: number) => `${value.toFixed(3)} ms`;
    console.log(`\nPOST ${PATH} over HTTPS on loopback, the portal in its own process, bearer token of a network element, 50 kept-alive connections (autocannon)`);
    console.log(`as fast as answered:  ${Math.round(flat.requests.average).toLocaleString('en-US')} queries/s over ${seconds} s, p50 ${flat.latency.p50} ms, p99 ${flat.latency.p99} ms (goal >= 10,000/s)`);
    console.log(`steady 5,000/s:       ${Math.round(steady.requests.average).toLocaleString('en-US')} queries/s, p50 ${steady.latency.p50} ms, p99 ${steady.latency.p99} ms, max ${steady.latency.max} ms (goal p99 < 2 ms)`);
    console.log(`one at a time:        p50 ${ms(alone.p50)}, p99 ${ms(alone.p99)} (JSON); p50 ${ms(aloneRtjson.p50)}, p99 ${ms(aloneRtjson.p99)} (rtjson), 5,000 queries each on one connection`);
  } finally {
    await stopPortal(child);
  }
}
