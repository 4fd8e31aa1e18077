import type { Granularity } from './rollup-row.js';

const SIZE_MS: Readonly<Record<Granularity, number>> = { minute: 60_000, hour: 3_600_000 };

/** What follows the kept part of a canonical instant: the rest of its minute or hour, zeroed. */
const ZEROED_TAIL: Readonly<Record<Granularity, string>> = { minute: ':00.000Z', hour: ':00:00.000Z' };
/** Characters of a canonical instant (2024-03-01T14:15:02.000Z) that name its minute and its hour. */
const KEPT: Readonly<Record<Granularity, number>> = { minute: 16, hour: 13 };
/** The canonical UTC text that validated records carry (formatInstant): cut as text, without a Date. */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The bucket a call falls in: the UTC minute or hour in which it started, as traffic is counted
 * by seizure time. (Hours are UTC hours; every NANP zone offset is whole hours but Newfoundland's,
 * whose local hours reports build from minute buckets.)
 */
export function bucketStart(startedAt: string, granularity: Granularity): string {
  if (startedAt.length === 24 && CANONICAL.test(startedAt)) return startedAt.slice(0, KEPT[granularity]) + ZEROED_TAIL[granularity];
  const ms = Date.parse(startedAt);
  if (Number.isNaN(ms)) throw new RangeError(`startedAt "${startedAt}" is not a date-time`);
  const size = SIZE_MS[granularity];
  return new Date(Math.floor(ms / size) * size).toISOString();
}

/** The UTC day of a minute or hour bucket (or of any canonical instant): its date at midnight. */
export const dayOf = (bucket: string): string => `${bucket.slice(0, 10)}T00:00:00.000Z`;
