import type { Disposition } from '../cdr/call-record.js';

export type Granularity = 'minute' | 'hour';
export const GRANULARITIES: readonly Granularity[] = ['minute', 'hour'];

/**
 * What a rollup row is about. "None" is '' rather than null in every key column: SQL unique
 * indexes treat NULLs as distinct, so an upsert keyed on a NULL column would insert a second row
 * instead of adding to the first.
 */
export interface RollupKey {
  granularity: Granularity;
  /** Start of the minute or hour (UTC, ISO 8601) in which the calls started. */
  bucketStart: string;
  tenantId: string;
  dialedNumber: string;
  destination: string;
  callCenter: string;
  disposition: Disposition;
  /** The origin's state or province code, the country code for NANP countries without states, '' when unknown. */
  originState: string;
}

/** What a rollup row counts. Every column is a sum, so rows with one key merge by adding them. */
export interface RollupCounts {
  /** Calls offered (seizures). */
  attempts: number;
  answered: number;
  busy: number;
  noAnswer: number;
  failed: number;
  blocked: number;
  /** Failed calls the called side rejected (Q.850 21 received, not sent by us): effective in the sense of E.425. */
  terminalRejects: number;
  durationSeconds: number;
  /** Billable seconds; only answered calls have any. */
  billableSeconds: number;
}

export type RollupRow = RollupKey & RollupCounts;

export const ZERO_COUNTS: Readonly<RollupCounts> = Object.freeze({
  attempts: 0,
  answered: 0,
  busy: 0,
  noAnswer: 0,
  failed: 0,
  blocked: 0,
  terminalRejects: 0,
  durationSeconds: 0,
  billableSeconds: 0,
});

export const COUNT_COLUMNS = Object.keys(ZERO_COUNTS) as (keyof RollupCounts)[];

/** Adds counts into a running total. */
export function addCounts(total: RollupCounts, more: Readonly<RollupCounts>): void {
  for (const column of COUNT_COLUMNS) total[column] += more[column];
}

/** The sum of many rows' counts. */
export function sumCounts(rows: Iterable<Readonly<RollupCounts>>): RollupCounts {
  const total = { ...ZERO_COUNTS };
  for (const row of rows) addCounts(total, row);
  return total;
}
