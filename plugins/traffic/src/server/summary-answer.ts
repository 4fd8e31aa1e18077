import { measuresOf, type TrafficMeasures } from '../rollup/measures.js';
import { addCounts, ZERO_COUNTS, type RollupCounts } from '../rollup/rollup-row.js';
import type { SummaryGranularity } from './rollup-sources.js';
import type { SummarySnapshot } from './summary-snapshot.js';

/** Groups a split summary names; the rest are summed into one. Enough for a chart's legend. */
export const MAX_GROUPS = 20;
/** The key of the group that sums every group past the first MAX_GROUPS. */
export const OTHER_GROUP = '*other*';

type CountsAndMeasures = RollupCounts & Omit<TrafficMeasures, 'attempts'>;
type Bucket = { start: string } & CountsAndMeasures;

export interface SummaryGroup {
  /** The value of the column the summary is split by ('' for calls without one), or OTHER_GROUP. */
  key: string;
  buckets: Bucket[];
  total: CountsAndMeasures;
}

export interface SummaryAnswer {
  granularity: SummaryGranularity;
  from: string;
  to: string;
  buckets: Bucket[];
  total: CountsAndMeasures;
  /** Only when split (groupBy): one group per value, most attempts first. */
  groups?: SummaryGroup[];
  /** The greatest call id the sums include: every call with a greater id is not in them (see SummarySnapshots; absent where not known). */
  throughCallId?: number;
}

/** Counts with their measures (ASR, ACD, NER), as the summary answers them. */
const withMeasures = (counts: RollupCounts): CountsAndMeasures => {
  const { asr, acdSeconds, ner } = measuresOf(counts);
  return { ...counts, asr, acdSeconds, ner };
};

/** Sums per bucket start, and in total. */
class Series {
  readonly byStart = new Map<string, RollupCounts>();
  readonly total: RollupCounts = { ...ZERO_COUNTS };

  add(start: string, counts: Readonly<RollupCounts>): void {
    let bucket = this.byStart.get(start);
    if (!bucket) this.byStart.set(start, (bucket = { ...ZERO_COUNTS }));
    addCounts(bucket, counts);
    addCounts(this.total, counts);
  }

  buckets(): Bucket[] {
    return [...this.byStart].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([start, counts]) => ({ start, ...withMeasures(counts) }));
  }
}

/**
 * The summary's answer from the rollup sums: the buckets that have calls and the total, and, when
 * split, one group per value of the column (most attempts first, then by key), at most
 * MAX_GROUPS of them and the rest summed into OTHER_GROUP, each with its own buckets and total.
 * Every group's buckets add up to the summary's buckets.
 */
export function summaryAnswer(granularity: SummaryGranularity, window: { from: string; to: string }, { sums, throughCallId }: SummarySnapshot, split: boolean): SummaryAnswer {
  const all = new Series();
  const byKey = new Map<string, Series>();
  for (const { start, key, counts } of sums) {
    all.add(start, counts);
    if (!split) continue;
    let series = byKey.get(key);
    if (!series) byKey.set(key, (series = new Series()));
    series.add(start, counts);
  }
  const answer: SummaryAnswer = { granularity, from: window.from, to: window.to, buckets: all.buckets(), total: withMeasures(all.total), ...(throughCallId === undefined ? {} : { throughCallId }) };
  if (!split) return answer;
  const ranked = [...byKey].sort(([a, x], [b, y]) => y.total.attempts - x.total.attempts || (a < b ? -1 : a > b ? 1 : 0));
  const groups = ranked.slice(0, MAX_GROUPS).map(([key, series]) => ({ key, buckets: series.buckets(), total: withMeasures(series.total) }));
  if (ranked.length > MAX_GROUPS) {
    const other = new Series();
    for (const [, series] of ranked.slice(MAX_GROUPS)) for (const [start, counts] of series.byStart) other.add(start, counts);
    groups.push({ key: OTHER_GROUP, buckets: other.buckets(), total: withMeasures(other.total) });
  }
  return { ...answer, groups };
}
