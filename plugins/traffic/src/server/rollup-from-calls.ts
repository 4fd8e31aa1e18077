import type { Knex } from 'knex';
import type { Dialect } from '@switchboard/sdk';
import { Q850 } from '../cdr/release-causes.js';
import type { RollupCounts } from '../rollup/rollup-row.js';
import { quote } from './bulk-statement.js';
import { COUNT_COLUMN_NAMES, ROLLUP_KEY_COLUMNS } from './rollup-rows.js';

/** A rollup table and, per key column, the SQL expression over a traffic_calls row that gives it. */
export interface RollupTarget {
  table: string;
  keys: readonly (readonly [column: string, expression: string])[];
}

/**
 * The buckets as SQL on the stored start time, which is always the canonical UTC text
 * (2024-03-01T14:15:02.000Z, formatInstant): the same cut as bucketStart and dayOf in
 * src/rollup/buckets.ts, on both dialects.
 */
export const BUCKET_SQL = {
  minute: "substr(started_at, 1, 16) || ':00.000Z'",
  hour: "substr(started_at, 1, 13) || ':00:00.000Z'",
  day: "substr(started_at, 1, 10) || 'T00:00:00.000Z'",
} as const;

/** The wide rollups' key columns as expressions: '' for none, never NULL (see RollupKey), the origin as Rollup.add takes it. */
export const WIDE_KEYS = (bucket: string): RollupTarget['keys'] => {
  const expressions: Readonly<Record<(typeof ROLLUP_KEY_COLUMNS)[number], string>> = {
    tenant_id: 'tenant_id',
    bucket_start: bucket,
    dialed_number: 'dialed_number',
    destination: "coalesce(destination, '')",
    call_center: "coalesce(call_center, '')",
    disposition: 'disposition',
    origin_state: "coalesce(origin_state, origin_country, '')",
  };
  return ROLLUP_KEY_COLUMNS.map((column) => [column, expressions[column]] as const);
};

const countOf = (condition: string) => `case when ${condition} then 1 else 0 end`;

/** Each count of one call as SQL over its row: what countsOf in src/rollup/rollup.ts gives per call. */
const CALL_COUNT_SQL: Readonly<Record<keyof RollupCounts, string>> = {
  attempts: '1',
  answered: countOf("disposition = 'answered'"),
  busy: countOf("disposition = 'busy'"),
  noAnswer: countOf("disposition = 'no-answer'"),
  failed: countOf("disposition = 'failed'"),
  blocked: countOf("disposition = 'blocked'"),
  terminalRejects: countOf(`disposition = 'failed' and release_cause = ${Q850.CALL_REJECTED}`),
  durationSeconds: 'duration_seconds',
  billableSeconds: 'billable_seconds',
};

/**
 * One statement that adds some stored calls, named by id, to a rollup table, each call's counts
 * added to the row of its key (`col = table.col + excluded.col`, inserted when new). The calls
 * are already in the database, so nothing travels back and forth: this replaced rolling up in
 * JavaScript and sending the rows as JSON, whose unpacking (a path lookup per column and row)
 * cost the database more than the upserts themselves (measured with callgrind on the ingest).
 *
 * On SQLite every call is upserted on its own, in the order of the ids: one writer at a time, and
 * grouping first costs a sort that a live feed, whose calls nearly all open rows of their own,
 * does not win back. PostgreSQL refuses to update one row twice in a statement, and concurrent
 * batches must lock shared rows in one order or deadlock: there the calls are summed per key and
 * upserted in key order.
 */
export class RollupFromCalls {
  private readonly text: string;

  constructor(dialect: Dialect, callsTable: string, target: RollupTarget) {
    const table = quote(target.table);
    const counts = Object.entries(CALL_COUNT_SQL) as [keyof RollupCounts, string][];
    const grouped = dialect === 'postgres';
    const columns = [...target.keys.map(([column]) => column), ...counts.map(([count]) => COUNT_COLUMN_NAMES[count])].map(quote);
    const selected = [...target.keys.map(([, expression]) => expression), ...counts.map(([, sql]) => (grouped ? `sum(${sql})` : sql))];
    const positions = target.keys.map((_, at) => at + 1).join(', ');
    const adding = counts.map(([count]) => quote(COUNT_COLUMN_NAMES[count])).map((column) => `${column} = ${table}.${column} + excluded.${column}`);
    // The ids travel as one JSON array, unpacked by the database, like BulkInsert's rows.
    const ids = grouped ? 'select (jsonb_array_elements_text(?::jsonb))::bigint' : 'select value from json_each(?)';
    // "order by id" on SQLite also keeps its parser from reading the ON of ON CONFLICT as a join's.
    const order = grouped ? `group by ${positions} order by ${positions}` : 'order by id';
    this.text =
      `insert into ${table} (${columns.join(', ')}) select ${selected.join(', ')} from ${quote(callsTable)} where id in (${ids}) ${order} ` +
      `on conflict (${target.keys.map(([column]) => quote(column)).join(', ')}) do update set ${adding.join(', ')}`;
  }

  async run(trx: Knex.Transaction, callIds: readonly number[]): Promise<void> {
    if (callIds.length) await trx.raw(this.text, [JSON.stringify(callIds)]);
  }
}
