import { dayOf } from './buckets.js';
import { addCounts, ZERO_COUNTS, type RollupCounts, type RollupRow } from './rollup-row.js';
import { compareRowIds, rowId } from './row-id.js';

/**
 * A narrow rollup row: one tenant's calls to one dialed number in one UTC day, without the
 * destination, call center, disposition and origin that the minute and hour rows are also keyed
 * by. A month of a busy customer is then a few thousand rows (days x numbers) instead of hundreds
 * of thousands of hour rows, which is what lets a 30-day summary answer at once.
 */
export interface NumberDayRow extends RollupCounts {
  /** The UTC day (midnight, ISO 8601). */
  bucketStart: string;
  tenantId: string;
  dialedNumber: string;
}

/**
 * The per-day, per-number rows of a batch, summed from its hour rows (every count is a sum, so
 * the hour rows of a day add up to the day), sorted by key so that concurrent batches lock the
 * stored rows in one order.
 */
export function numberDayRows(hourRows: Iterable<RollupRow>): NumberDayRow[] {
  const byId = new Map<string, NumberDayRow>();
  for (const hour of hourRows) {
    const bucketStart = dayOf(hour.bucketStart);
    const id = rowId([hour.tenantId, bucketStart, hour.dialedNumber]);
    let row = byId.get(id);
    if (!row) {
      row = { bucketStart, tenantId: hour.tenantId, dialedNumber: hour.dialedNumber, ...ZERO_COUNTS };
      byId.set(id, row);
    }
    addCounts(row, hour);
  }
  return [...byId].sort(([a], [b]) => compareRowIds(a, b)).map(([, row]) => row);
}
