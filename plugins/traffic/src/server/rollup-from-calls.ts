import type { Knex } from 'knex';
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

/** Each count of one call as SQL over its row: what countsOf in src/rollup/rollup.ts gives per call (the trigger of migration 007 says the same on SQLite). */
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
 * On PostgreSQL, one statement that adds some stored calls, named by id, to a rollup table: the
 * database sums the calls per key and upserts the sums (`col = table.col + excluded.col`) in key
 * order, so concurrent batches lock shared rows in one order and cannot deadlock (and no row is
 * updated twice in a statement, which PostgreSQL refuses). The calls are already in the database,
 * so nothing travels back and forth: this replaced rolling up in JavaScript and sending the rows
 * as JSON. (SQLite adds each call in a trigger as it is inserted: migration 007.)
 */
export class RollupFromCalls {
  private readonly text: string;

  constructor(callsTable: string, target: RollupTarget) {
    const table = quote(target.table);
    const counts = Object.entries(CALL_COUNT_SQL) as [keyof RollupCounts, string][];
    const columns = [...target.keys.map(([column]) => column), ...counts.map(([count]) => COUNT_COLUMN_NAMES[count])].map(quote);
    const selected = [...target.keys.map(([, expression]) => expression), ...counts.map(([, sql]) => `sum(${sql})`)];
    const positions = target.keys.map((_, at) => at + 1).join(', ');
    const adding = counts.map(([count]) => quote(COUNT_COLUMN_NAMES[count])).map((column) => `${column} = ${table}.${column} + excluded.${column}`);
    // The ids travel as one JSON array, unpacked by the database, like BulkInsert's rows.
    this.text =
      `insert into ${table} (${columns.join(', ')}) select ${selected.join(', ')} from ${quote(callsTable)} ` +
      `where id in (select (jsonb_array_elements_text(?::jsonb))::bigint) group by ${positions} order by ${positions} ` +
      `on conflict (${target.keys.map(([column]) => quote(column)).join(', ')}) do update set ${adding.join(', ')}`;
  }

  async run(trx: Knex.Transaction, callIds: readonly number[]): Promise<void> {
    if (callIds.length) await trx.raw(this.text, [JSON.stringify(callIds)]);
  }
}
