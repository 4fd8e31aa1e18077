import type { Knex } from 'knex';
import type { PluginStorage } from '@switchboard/sdk';
import { numberDayRows } from '../rollup/number-rollup.js';
import type { Rollup } from '../rollup/rollup.js';
import type { Granularity, RollupCounts } from '../rollup/rollup-row.js';
import { BulkInsert, quote } from './bulk-statement.js';
import { COUNT_BULK_COLUMNS, COUNT_COLUMN_NAMES, countsOf, keyColumns, NUMBER_DAY_KEY_COLUMNS, numberDayValues, ROLLUP_KEY_COLUMNS, rollupValues } from './rollup-rows.js';
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
  private readonly upserts: Readonly<Record<Granularity | 'numberDay', BulkInsert>>;

  constructor(private readonly storage: PluginStorage) {
    const upsert = (name: string, keys: readonly string[]) => {
      const table = storage.table(name);
      const adding = COUNT_BULK_COLUMNS.map(({ name: column }) => `${quote(column)} = ${quote(table)}.${quote(column)} + excluded.${quote(column)}`);
      return new BulkInsert(storage.dialect, table, [...keyColumns(keys), ...COUNT_BULK_COLUMNS], `on conflict (${keys.map(quote).join(', ')}) do update set ${adding.join(', ')}`);
    };
    this.upserts = {
      minute: upsert(TABLES.rollups.minute, ROLLUP_KEY_COLUMNS),
      hour: upsert(TABLES.rollups.hour, ROLLUP_KEY_COLUMNS),
      numberDay: upsert(TABLES.numberDay, NUMBER_DAY_KEY_COLUMNS),
    };
  }

  /**
   * Adds a batch's rollup to the stored rows in the caller's transaction: per table, one bulk
   * upsert that inserts new keys and adds the counts of existing ones (`col = table.col +
   * excluded.col`, the same SQL on SQLite and PostgreSQL): the minute and hour rows, and the
   * per-number day rows summed from the hour rows. The rows come sorted by key, so concurrent
   * batches lock shared rows in one order and cannot deadlock.
   */
  async add(trx: Knex.Transaction, rollup: Rollup): Promise<void> {
    const hours = rollup.rows('hour');
    await this.upserts.minute.run(trx, rollup.rows('minute').map(rollupValues));
    await this.upserts.hour.run(trx, hours.map(rollupValues));
    await this.upserts.numberDay.run(trx, numberDayRows(hours).map(numberDayValues));
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
