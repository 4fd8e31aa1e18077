import type { Disposition } from '../cdr/call-record.js';
import { COUNT_COLUMNS, type Granularity, type RollupCounts, type RollupRow } from '../rollup/rollup-row.js';
import { toNumber } from './tables.js';

/** The key columns of the rollup tables, in their primary key's order. */
export const ROLLUP_KEY_COLUMNS = ['tenant_id', 'bucket_start', 'dialed_number', 'destination', 'call_center', 'disposition', 'origin_state'] as const;

/** Each count of a rollup and its column. */
export const COUNT_COLUMN_NAMES: Readonly<Record<keyof RollupCounts, string>> = {
  attempts: 'attempts',
  answered: 'answered',
  busy: 'busy',
  noAnswer: 'no_answer',
  failed: 'failed',
  blocked: 'blocked',
  terminalRejects: 'terminal_rejects',
  durationSeconds: 'duration_seconds',
  billableSeconds: 'billable_seconds',
};

export function fromRollupDbRow(granularity: Granularity, db: Record<string, unknown>): RollupRow {
  return {
    granularity,
    tenantId: String(db.tenant_id),
    bucketStart: String(db.bucket_start),
    dialedNumber: String(db.dialed_number),
    destination: String(db.destination),
    callCenter: String(db.call_center),
    disposition: String(db.disposition) as Disposition,
    originState: String(db.origin_state),
    ...countsOf(db),
  };
}

/** The counts of a row or of an aggregate whose columns are named like the table's. */
export function countsOf(db: Record<string, unknown>): RollupCounts {
  const counts = {} as RollupCounts;
  for (const count of COUNT_COLUMNS) counts[count] = toNumber(db[COUNT_COLUMN_NAMES[count]]);
  return counts;
}
