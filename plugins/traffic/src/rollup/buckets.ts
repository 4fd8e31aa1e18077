import type { Granularity } from './rollup-row.js';

const SIZE_MS: Readonly<Record<Granularity, number>> = { minute: 60_000, hour: 3_600_000 };

/**
 * The bucket a call falls in: the UTC minute or hour in which it started, as traffic is counted
 * by seizure time. (Hours are UTC hours; every NANP zone offset is whole hours but Newfoundland's,
 * whose local hours reports build from minute buckets.)
 */
export function bucketStart(startedAt: string, granularity: Granularity): string {
  const ms = Date.parse(startedAt);
  if (Number.isNaN(ms)) throw new RangeError(`startedAt "${startedAt}" is not a date-time`);
  const size = SIZE_MS[granularity];
  return new Date(Math.floor(ms / size) * size).toISOString();
}
