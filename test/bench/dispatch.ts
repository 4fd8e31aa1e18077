import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { probeLatency } from './latency-probe.js';

const server = fileURLToPath(new URL('./dispatch-server.js', import.meta.url));
const PATH = '/api/bench/echo/hello?n=7';
const HEADERS = { authorization: 'Bearer fixture:bench' };

async function measure(mode: 'koa' | 'bare' | 'dispatcher', seconds: number) {
  const child = spawn(process.execPath, [server, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  const url = `http://127.0.0.1:${port}${PATH}`;
  try {
    await autocannon({ url, connections: 20, duration: 2, headers: HEADERS }); // warm-up: JIT, sockets
    const load = await autocannon({ url, connections: 50, duration: seconds, headers: HEADERS });
    if (load.errors || load.non2xx) throw new Error(`${mode}: ${load.errors} errors, ${load.non2xx} non-2xx answers`);
    const quiet = await probeLatency(url, HEADERS, 5000);
    return { mode, rps: load.requests.average, loadP50: load.latency.p50, loadP99: load.latency.p99, p50: quiet.p50, p99: quiet.p99 };
  } finally {
    child.kill('SIGTERM');
  }
}

/** The dispatcher's cost: the same handler bare and through the full dispatcher. Goal: >= 70% of bare throughput, < 0.5 ms added at p50. */
export async function dispatchBenchmark(seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<void> {
  const floor = await measure('koa', seconds);
  const bare = await measure('bare', seconds);
  const full = await measure('dispatcher', seconds);
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  console.log(`\nGET ${PATH} on loopback, 50 connections for ${seconds} s (autocannon), then 5000 sequential requests on one connection\n`);
  console.log('target      req/s    p50 under load  p99 under load  p50 alone   p99 alone');
  for (const r of [floor, bare, full]) {
    console.log(`${r.mode.padEnd(10)} ${r.rps.toFixed(0).padStart(7)}  ${String(r.loadP50).padStart(10)} ms  ${String(r.loadP99).padStart(10)} ms  ${ms(r.p50).padStart(10)}  ${ms(r.p99).padStart(10)}`);
  }
  const kept = full.rps / bare.rps;
  const added = full.p50 - bare.p50;
  console.log('\nkoa: plain Koa and router; bare: the handler on the host stack (request id, security headers, log, errors); dispatcher: through the dispatcher on that stack');
  console.log(`dispatcher keeps ${(kept * 100).toFixed(1)}% of bare throughput (goal >= 70%) and adds ${ms(added)} at p50 (goal < 0.5 ms)`);
}
