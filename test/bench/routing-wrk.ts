/**
 * wrk (a load generator written in C, Debian's `wrk`) driving the routing benchmark when it is
 * installed. autocannon, in JavaScript, spent about as much CPU per query as the portal did to
 * answer it, on the same two cores; wrk spends a fraction of that, so the portal is measured
 * rather than the load generator.
 *
 * wrk has no fixed-rate mode; the steady run paces it from its Lua script: every request takes the
 * next slot of one schedule (1/rate apart) and waits for it (`delay()`, in whole milliseconds), so
 * the queries go out evenly over each second instead of autocannon's `overallRate`, which sends
 * each connection's share for the second back to back as the second starts. Latency is wrk's,
 * from sending to the whole answer, recorded in microseconds.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WrkRun {
  url: string;
  headers: Record<string, string>;
  /** JSON bodies, cycled through. */
  bodies: readonly string[];
  connections: number;
  seconds: number;
  /** Queries per second across all connections; as fast as answered when absent. */
  rate?: number;
}

export interface WrkResult {
  requests: number;
  perSecond: number;
  /** Milliseconds, from wrk's microsecond histogram. */
  p50: number;
  p99: number;
  max: number;
  /** Connect, read, write and timeout errors, and answers that were not 2xx or 3xx. */
  errors: number;
  non2xx: number;
  /** CPU seconds wrk itself used (user + system), when the platform says. */
  cpuSeconds: number | null;
}

/** Whether `wrk` runs here. */
export function wrkInstalled(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its banner and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** The Lua script: the bodies from a file, optionally the pacing, and the result as one JSON line. */
function script(bodiesFile: string, rate: number | undefined): string {
  const pacing = rate
    ? `
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } sb_timespec; int clock_gettime(int clock, sb_timespec *tp); ]]
local clock = ffi.new("sb_timespec")
local function nowMs() ffi.C.clock_gettime(1, clock); return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6 end
local interval = 1000 / ${rate}
local slot = nil
function delay()
  local now = nowMs()
  slot = (slot or now) + interval
  -- Never more than a second behind: a stall is not made up by a burst.
  if slot < now - 1000 then slot = now end
  local wait = slot - now
  if wait <= 0 then return 0 end
  return math.floor(wait + 0.5)
end`
    : '';
  return `
local requests = {}
local next = 0
-- Formatted in init, once wrk has put the Host header into wrk.headers.
function init(_)
  for line in io.lines(${JSON.stringify(bodiesFile)}) do requests[#requests + 1] = wrk.format("POST", nil, nil, line) end
end
function request()
  next = next % #requests + 1
  return requests[next]
end
${pacing}
function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format('\\nSB-RESULT {"requests":%d,"durationUs":%d,"p50":%f,"p99":%f,"max":%f,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
`;
}

/** CPU seconds of the children this process has waited for (Linux), to count wrk's own. */
async function childrenCpuSeconds(): Promise<number | null> {
  try {
    const stat = await readFile('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const dir = await mkdtemp(join(tmpdir(), 'sb-bench-wrk-'));
  try {
    const bodiesFile = join(dir, 'bodies.jsonl');
    const scriptFile = join(dir, 'routing.lua');
    await writeFile(bodiesFile, run.bodies.join('\n') + '\n');
    await writeFile(scriptFile, script(bodiesFile, run.rate));
    const args = ['-t1', `-c${run.connections}`, `-d${run.seconds}s`, '--timeout', '10s', '-s', scriptFile];
    for (const [name, value] of Object.entries(run.headers)) args.push('-H', `${name}: ${value}`);
    args.push(run.url);
    const cpuBefore = await childrenCpuSeconds();
    const output = await new Promise<string>((resolve, reject) => {
      // One thread: wrk takes at most one core, the portal has the other.
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))));
    });
    const cpuAfter = await childrenCpuSeconds();
    const line = output.split('\n').find((l) => l.startsWith('SB-RESULT '));
    if (!line) throw new Error(`wrk printed no result: ${output}`);
    const r = JSON.parse(line.slice('SB-RESULT '.length)) as { requests: number; durationUs: number; p50: number; p99: number; max: number; errors: number; non2xx: number };
    return {
      requests: r.requests,
      perSecond: r.requests / (r.durationUs / 1e6),
      p50: r.p50 / 1000,
      p99: r.p99 / 1000,
      max: r.max / 1000,
      errors: r.errors,
      non2xx: r.non2xx,
      cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
