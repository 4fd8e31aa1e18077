import type { CallRecord } from '../cdr/call-record.js';
import { Q850 } from '../cdr/release-causes.js';
import { bucketStart } from './buckets.js';
import { addCounts, GRANULARITIES, ZERO_COUNTS, type Granularity, type RollupCounts, type RollupKey, type RollupRow } from './rollup-row.js';

/**
 * Per-minute and per-hour rollups of a batch of calls, aggregated in memory so that a batch of a
 * thousand calls is written as a few upserts (one per distinct key) rather than one per call.
 * Every count is a sum, so rollups of the pieces of a batch, added together, equal the rollup of
 * the whole; that is what lets each batch add its rows to the stored ones.
 */
export class Rollup {
  private readonly byKey = new Map<string, RollupRow>();

  /** The rollup of some calls. */
  static of(records: Iterable<CallRecord>): Rollup {
    const rollup = new Rollup();
    for (const record of records) rollup.add(record);
    return rollup;
  }

  /** Counts one call into its minute row and its hour row. */
  add(record: CallRecord): this {
    const counts = countsOf(record);
    for (const granularity of GRANULARITIES) {
      this.addToRow(
        {
          granularity,
          bucketStart: bucketStart(record.startedAt, granularity),
          tenantId: record.tenantId ?? '',
          dialedNumber: record.dialedNumber,
          destination: record.destination ?? '',
          callCenter: record.callCenter ?? '',
          disposition: record.disposition,
          originState: record.origin?.state ?? record.origin?.country ?? '',
        },
        counts,
      );
    }
    return this;
  }

  /** Adds rows of another rollup (another piece of the batch, or rows already stored). */
  merge(rows: Iterable<RollupRow>): this {
    for (const row of rows) this.addToRow(row, row);
    return this;
  }

  /** The rows, in a stable order (granularity, bucket, then the other key columns). */
  rows(granularity?: Granularity): RollupRow[] {
    const rows = [...this.byKey.values()].filter((row) => granularity === undefined || row.granularity === granularity);
    return rows.sort((a, b) => compareKeys(a, b));
  }

  get size(): number {
    return this.byKey.size;
  }

  private addToRow(key: RollupKey, counts: Readonly<RollupCounts>): void {
    const id = keyId(key);
    let row = this.byKey.get(id);
    if (!row) {
      row = { ...keyOf(key), ...ZERO_COUNTS };
      this.byKey.set(id, row);
    }
    addCounts(row, counts);
  }
}

const KEY_COLUMNS = ['granularity', 'bucketStart', 'tenantId', 'dialedNumber', 'destination', 'callCenter', 'disposition', 'originState'] as const;

const keyOf = (row: RollupKey): RollupKey => Object.fromEntries(KEY_COLUMNS.map((column) => [column, row[column]])) as unknown as RollupKey;
/** Free-text columns may hold any character, so the key is the JSON of its columns rather than a joined string. */
const keyId = (row: RollupKey) => JSON.stringify(KEY_COLUMNS.map((column) => row[column]));

function compareKeys(a: RollupKey, b: RollupKey): number {
  for (const column of KEY_COLUMNS) {
    if (a[column] !== b[column]) return a[column] < b[column] ? -1 : 1;
  }
  return 0;
}

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
