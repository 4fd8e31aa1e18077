import type { CallRecord } from '../cdr/call-record.js';
import { Q850 } from '../cdr/release-causes.js';
import { bucketStart } from './buckets.js';
import { addCounts, GRANULARITIES, ZERO_COUNTS, type Granularity, type RollupCounts, type RollupKey, type RollupRow } from './rollup-row.js';
import { compareRowIds, rowId } from './row-id.js';

/**
 * Per-minute and per-hour rollups of a batch of calls, aggregated in memory so that a batch of a
 * thousand calls is written as a few upserts (one per distinct key) rather than one per call.
 * Every count is a sum, so rollups of the pieces of a batch, added together, equal the rollup of
 * the whole; that is what lets each batch add its rows to the stored ones.
 *
 * It runs on the ingest's hot path (a thousand calls a batch, tens of batches a second), so a row
 * is found by one string id and the rows are sorted by that id, without objects built per call.
 */
export class Rollup {
  private readonly byGranularity: Readonly<Record<Granularity, Map<string, RollupRow>>> = { minute: new Map(), hour: new Map() };

  /** The rollup of some calls. */
  static of(records: Iterable<CallRecord>): Rollup {
    const rollup = new Rollup();
    for (const record of records) rollup.add(record);
    return rollup;
  }

  /** Counts one call into its minute row and its hour row. */
  add(record: CallRecord): this {
    const counts = countsOf(record);
    const tenantId = record.tenantId ?? '';
    const destination = record.destination ?? '';
    const callCenter = record.callCenter ?? '';
    const originState = record.origin?.state ?? record.origin?.country ?? '';
    for (const granularity of GRANULARITIES) {
      const start = bucketStart(record.startedAt, granularity);
      const id = rowId([granularity, start, tenantId, record.dialedNumber, destination, callCenter, record.disposition, originState]);
      const rows = this.byGranularity[granularity];
      const row = rows.get(id);
      if (row) addCounts(row, counts);
      else {
        rows.set(id, {
          granularity,
          bucketStart: start,
          tenantId,
          dialedNumber: record.dialedNumber,
          destination,
          callCenter,
          disposition: record.disposition,
          originState,
          ...counts,
        });
      }
    }
    return this;
  }

  /** Adds rows of another rollup (another piece of the batch, or rows already stored). */
  merge(rows: Iterable<RollupRow>): this {
    for (const row of rows) {
      const id = idOf(row);
      const byId = this.byGranularity[row.granularity];
      const existing = byId.get(id);
      if (existing) addCounts(existing, row);
      else byId.set(id, { ...keyOf(row), ...countsOnly(row) });
    }
    return this;
  }

  /** The rows, in a stable order (granularity, bucket, then the other key columns). */
  rows(granularity?: Granularity): RollupRow[] {
    const wanted = granularity === undefined ? [...GRANULARITIES].sort() : [granularity];
    const rows: RollupRow[] = [];
    for (const name of wanted) {
      const entries = [...this.byGranularity[name]].sort(([a], [b]) => compareRowIds(a, b));
      for (const [, row] of entries) rows.push(row);
    }
    return rows;
  }

  get size(): number {
    return this.byGranularity.minute.size + this.byGranularity.hour.size;
  }
}

const KEY_COLUMNS = ['granularity', 'bucketStart', 'tenantId', 'dialedNumber', 'destination', 'callCenter', 'disposition', 'originState'] as const;

const idOf = (row: RollupKey) => rowId(KEY_COLUMNS.map((column) => row[column]));

const keyOf = (row: RollupKey): RollupKey => ({
  granularity: row.granularity,
  bucketStart: row.bucketStart,
  tenantId: row.tenantId,
  dialedNumber: row.dialedNumber,
  destination: row.destination,
  callCenter: row.callCenter,
  disposition: row.disposition,
  originState: row.originState,
});

const countsOnly = (row: RollupCounts): RollupCounts => {
  const counts = { ...ZERO_COUNTS };
  addCounts(counts, row);
  return counts;
};

/** One call's contribution to its rows. */
function countsOf(record: CallRecord): RollupCounts {
  const is = (disposition: CallRecord['disposition']) => (record.disposition === disposition ? 1 : 0);
  return {
    attempts: 1,
    answered: is('answered'),
    busy: is('busy'),
    noAnswer: is('no-answer'),
    failed: is('failed'),
    blocked: is('blocked'),
    terminalRejects: record.disposition === 'failed' && record.releaseCause === Q850.CALL_REJECTED ? 1 : 0,
    durationSeconds: record.durationSeconds,
    billableSeconds: record.billableSeconds,
  };
}
