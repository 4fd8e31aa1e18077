import { addCounts, COUNT_COLUMNS, sumCounts, ZERO_COUNTS, type RollupCounts } from '../rollup/rollup-row.js';

export const MINUTE_MS = 60_000;

/** The start of the UTC minute an instant falls in (rollups bucket calls by their start minute). */
export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

/** Only the counts of a summary bucket: its measures are recomputed from the sums, never added up. */
export function countsOnly(counts: Readonly<RollupCounts>): RollupCounts {
  const only = { ...ZERO_COUNTS };
  for (const column of COUNT_COLUMNS) only[column] = counts[column];
  return only;
}

/** One minute of a series, zeros included. */
export interface MinuteCounts {
  start: number;
  counts: RollupCounts;
}

/**
 * Rollup counts per minute, as the summary answers them, to which live calls are added as they
 * come. Every count is a sum, so a minute's counts are the summary's plus the live calls'.
 */
export class MinuteSeries {
  private readonly byMinute = new Map<number, RollupCounts>();

  /** A series holding the buckets of a summary answer (`start` ISO 8601). */
  static fromBuckets(buckets: Iterable<Readonly<RollupCounts> & { start: string }>): MinuteSeries {
    const series = new MinuteSeries();
    for (const bucket of buckets) series.add(Date.parse(bucket.start), bucket);
    return series;
  }

  add(minute: number, counts: Readonly<RollupCounts>): void {
    const start = minuteOf(minute);
    let row = this.byMinute.get(start);
    if (!row) {
      row = { ...ZERO_COUNTS };
      this.byMinute.set(start, row);
    }
    addCounts(row, countsOnly(counts));
  }

  /** Every minute in [from, to), with zeros for minutes without calls: a chart with gaps left out would mislead. */
  minutes(from: number, to: number): MinuteCounts[] {
    const all: MinuteCounts[] = [];
    for (let start = minuteOf(from); start < to; start += MINUTE_MS) all.push({ start, counts: { ...(this.byMinute.get(start) ?? ZERO_COUNTS) } });
    return all;
  }

  /** The sum over the minutes in [from, to). */
  total(from: number, to: number): RollupCounts {
    return sumCounts(this.minutes(from, to).map((minute) => minute.counts));
  }

  /** Forgets minutes before `from`, which no window shows any more. */
  dropBefore(from: number): void {
    for (const start of this.byMinute.keys()) if (start < from) this.byMinute.delete(start);
  }
}
