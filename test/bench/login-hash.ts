/**
 * What one password check costs with the host's argon2id parameters: the floor under the login
 * benchmark's figures, since verification dominates a sign-in. Used by the login benchmark (and
 * runnable alone: `node test/dist/bench/login-hash.js`).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ARGON2ID_PARAMETERS, hashPassword, verifyPassword } from '@switchboard/host/dist/auth/index.js';

export interface LoginHashFigures {
  parameters: typeof ARGON2ID_PARAMETERS;
  /** Median milliseconds of one verification, one at a time. */
  sequentialMedianMs: number;
  /** Verifications per second with `concurrency` in flight (bounded by the libuv pool, UV_THREADPOOL_SIZE). */
  concurrentPerSecond: number;
  concurrency: number;
  threadpoolSize: number;
  cores: number;
}

export async function measureLoginHashing({ seconds = 5, concurrency = 20, samples = 25 } = {}): Promise<LoginHashFigures> {
  const password = 'violet tractor sings loudly';
  const hash = await hashPassword(password);
  for (let i = 0; i < 3; i++) await verifyPassword(hash, password); // warm-up

  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await verifyPassword(hash, password);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);

  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      await verifyPassword(hash, password);
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;

  return {
    parameters: ARGON2ID_PARAMETERS,
    sequentialMedianMs: Number(times[Math.floor(times.length / 2)]!.toFixed(2)),
    concurrentPerSecond: Math.round(done / elapsed),
    concurrency,
    threadpoolSize: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    cores: availableParallelism(),
  };
}

export function describeLoginHashing(figures: LoginHashFigures): string {
  const { memoryCost, timeCost, parallelism } = figures.parameters;
  return (
    `argon2id m=${memoryCost} KiB, t=${timeCost}, p=${parallelism}: ${figures.sequentialMedianMs} ms per verification (median, one at a time); ` +
    `${figures.concurrentPerSecond} verifications/s with ${figures.concurrency} in flight (libuv pool ${figures.threadpoolSize}, ${figures.cores} cores)`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeLoginHashing(await measureLoginHashing()));
}
