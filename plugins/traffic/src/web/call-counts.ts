import { Rollup } from '../rollup/rollup.js';
import { countsOnly } from './minute-series.js';
import type { RollupCounts } from '../rollup/rollup-row.js';
import type { MonitorCall } from './traffic-answers.js';

/**
 * What one call adds to its minute, counted by the very Rollup the ingest stores rollups with,
 * so live counts and the summary's never disagree on what a call counts as (a busy, a terminal
 * reject, its billable seconds).
 */
export function minuteCountsOf(call: MonitorCall): { minute: number; counts: RollupCounts } {
  const [row] = new Rollup().add(call).rows('minute');
  return { minute: Date.parse(row!.bucketStart), counts: countsOnly(row!) };
}
