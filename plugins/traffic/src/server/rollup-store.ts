import type { Knex } from 'knex';
import type { PluginStorage } from '@switchboard/sdk';
import type { RollupCounts } from '../rollup/rollup-row.js';
import { BUCKET_SQL, RollupFromCalls, WIDE_KEYS, type RollupTarget } from './rollup-from-calls.js';
import { COUNT_COLUMN_NAMES, countsOf } from './rollup-rows.js';
import { GROUP_COLUMNS, sourceFor, type SummaryGranularity, type SummaryGroupBy } from './rollup-sources.js';
import { TABLES } from './tables.js';
import type { TrafficFilter } from './traffic-filter.js';

/** The sums of one bucket of a summary, for one value of the column it is split by ('' when not split). */
export interface SummarySums {
  /** Start of the minute, hour or UTC day (ISO 8601). */
  start: string;
  key: string;
  counts: RollupCounts;
}

/** The rollup tables: adding a batch's rollup to them, and reading sums of them over time. */
export class RollupStore {
  private readonly rollUps: readonly RollupFromCalls[];

  constructor(private readonly storage: PluginStorage) {
    const calls = storage.table(TABLES.calls);
    const target = (table: string, keys: RollupTarget['keys']) => new RollupFromCalls(calls, { table: storage.table(table), keys });
    // On SQLite the triggers of migrations 007 and 008 add each call to its rows as it is inserted.
    this.rollUps =
      storage.dialect === 'postgres'
        ? [
            target(TABLES.rollups.minute, WIDE_KEYS(BUCKET_SQL.minute)),
            target(TABLES.rollups.hour, WIDE_KEYS(BUCKET_SQL.hour)),
            target(TABLES.numberDay, [['tenant_id', 'tenant_id'], ['bucket_start', BUCKET_SQL.day], ['dialed_number', 'dialed_number']]),
            target(TABLES.destinationDay, [
              ['tenant_id', 'tenant_id'],
              ['bucket_start', BUCKET_SQL.day],
              ['dialed_number', 'dialed_number'],
              ['destination', "coalesce(destination, '')"],
              ['call_center', "coalesce(call_center, '')"],
            ]),
          ]
        : [];
  }

  /**
   * Adds calls just stored, by id, to every rollup table, in the caller's transaction (the one
   * that stored them): the minute and hour rows, the per-number day rows and the days per
   * destination. On PostgreSQL one
   * statement per table (RollupFromCalls); on SQLite nothing is left to do, the insert's trigger
   * has added them.
   */
  async addCalls(trx: Knex.Transaction, callIds: readonly number[]): Promise<void> {
    for (const rollUp of this.rollUps) await rollUp.run(trx, callIds);
  }

  /**
   * Sums per bucket over [from, to), and per value of the `groupBy` column when given, for what
   * the filter lets the caller see, in bucket order. Read from the narrowest rollup that answers
   * (sourceFor): a 30-day day summary sums the per-number day rows; days split by destination add
   * up the hour rows of each UTC day; minutes and hours read their own table.
   */
  async sums(filter: TrafficFilter, granularity: SummaryGranularity, window: { from: string; to: string }, groupBy?: SummaryGroupBy): Promise<SummarySums[]> {
    const { knex } = this.storage;
    const source = sourceFor(granularity, groupBy);
    // A UTC day out of hour rows: the first ten characters of the ISO hour (2024-03-01T14:00:00.000Z).
    const daysOfHours = granularity === 'day' && source.bucket !== 'day';
    const bucket = daysOfHours ? knex.raw('substr(??, 1, 10)', ['bucket_start']) : knex.raw('??', ['bucket_start']);
    const sums = Object.fromEntries(Object.values(COUNT_COLUMN_NAMES).map((column) => [column, column]));
    const query = filter
      .apply(this.storage, source.table)
      .where('bucket_start', '>=', window.from)
      .andWhere('bucket_start', '<', window.to)
      .select(knex.raw('? as ??', [bucket, 'bucket']))
      .sum(sums)
      .groupBy(bucket)
      .orderBy('bucket');
    const column = groupBy === undefined ? undefined : GROUP_COLUMNS[groupBy];
    if (column !== undefined) query.select({ group_key: column }).groupBy(column);
    const rows = (await query) as Record<string, unknown>[];
    return rows.map((row) => ({
      start: daysOfHours ? `${String(row.bucket)}T00:00:00.000Z` : String(row.bucket),
      key: column === undefined ? '' : String(row.group_key),
      counts: countsOf(row),
    }));
  }
}
