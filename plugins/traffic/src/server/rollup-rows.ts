import type { Disposition } from '../cdr/call-record.js';
import type { NumberDayRow } from '../rollup/number-rollup.js';
import type { BulkColumn } from './bulk-statement.js';
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

/** The key columns of the per-number, per-day rollup (traffic_rollups_number_day). */
export const NUMBER_DAY_KEY_COLUMNS = ['tenant_id', 'bucket_start', 'dialed_number'] as const;

/** The key columns of a bulk upsert (all text, '' for none). */
export const keyColumns = (names: readonly string[]): BulkColumn[] => names.map((name) => ({ name, type: 'text' }));

/** The count columns of a bulk upsert, in COUNT_COLUMNS' order: what follows the key columns in every rollup row. */
export const COUNT_BULK_COLUMNS: readonly BulkColumn[] = COUNT_COLUMNS.map((count) => ({
  name: COUNT_COLUMN_NAMES[count],
  type: count === 'durationSeconds' || count === 'billableSeconds' ? 'bigint' : 'integer',
}));

/** A minute or hour row for a bulk upsert: ROLLUP_KEY_COLUMNS, then the counts. */
export const rollupValues = (row: RollupRow): unknown[] => [
  row.tenantId, row.bucketStart, row.dialedNumber, row.destination, row.callCenter, row.disposition, row.originState, ...countValues(row),
];

/** A per-number day row for a bulk upsert: NUMBER_DAY_KEY_COLUMNS, then the counts. */
export const numberDayValues = (row: NumberDayRow): unknown[] => [row.tenantId, row.bucketStart, row.dialedNumber, ...countValues(row)];

const countValues = (counts: RollupCounts): number[] => COUNT_COLUMNS.map((count) => counts[count]);

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
