import { readFileSync } from 'node:fs';

/**
 * The node flags for a benchmark's portal process: those `npm start` gives the portal (read from
 * package.json's start script, so the benchmarks measure the portal as it is started), then
 * BENCH_SERVER_NODE_ARGS (such as `--cpu-prof --cpu-prof-dir=/tmp/prof`, to see where its time goes).
 */
export function portalNodeArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const startFlags = /\bnode((?: --\S+)*) host\/dist\/cli\.js start\b/.exec(scripts.start ?? '')?.[1] ?? '';
  return [...startFlags.split(' '), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ')].filter(Boolean);
}
