import type { Knex } from 'knex';
import type { PluginStorage } from '@switchboard/sdk';
import type { Rollup } from '../rollup/rollup.js';
import { GRANULARITIES, type RollupCounts } from '../rollup/rollup-row.js';
import { COUNT_COLUMN_NAMES, countsOf, ROLLUP_KEY_COLUMNS, toRollupDbRow } from './rollup-rows.js';
import { chunks, ROWS_PER_STATEMENT, TABLES } from './tables.js';
import type { TrafficFilter } from './traffic-filter.js';

/** How finely a summary counts: the rollups' own minute and hour, and the day built from hours. */
export type SummaryGranularity = 'minute' | 'hour' | 'day';

export interface SummaryBucket {
  /** Start of the minute, hour or UTC day (ISO 8601). */
  start: string;
  counts: RollupCounts;
}

/** The rollup tables: adding a batch's rollup to them, and reading sums of them over time. */
export class RollupStore {
  constructor(private readonly storage: PluginStorage) {}

  /**
   * Adds a batch's rollup to the stored rows in the caller's transaction: per granularity, a few
   * multi-row upserts that insert new keys and add the counts of existing ones
   * (`col = table.col + excluded.col`, the same SQL on SQLite and PostgreSQL). The rows come
   * sorted by key, so concurrent batches lock shared rows in one order and cannot deadlock.
   */
  async add(trx: Knex.Transaction, rollup: Rollup): Promise<void> {
    for (const granularity of GRANULARITIES) {
      const table = this.storage.table(TABLES.rollups[granularity]);
      const adding = Object.fromEntries(
        Object.values(COUNT_COLUMN_NAMES).map((column) => [column, trx.raw('?? + excluded.??', [`${table}.${column}`, column])]),
      );
      const rows = rollup.rows(granularity).map(toRollupDbRow);
      for (const piece of chunks(rows, ROWS_PER_STATEMENT)) {
        await trx(table).insert(piece).onConflict([...ROLLUP_KEY_COLUMNS]).merge(adding);
      }
    }
  }

  /**
   * Sums per bucket over [from, to), for what the filter lets the caller see. Minutes and hours
   * read their own table; days add up the hour rows of each UTC day, so a month is at most 744
   * rows per key to sum rather than every call.
   */
  async buckets(filter: TrafficFilter, granularity: SummaryGranularity, from: string, to: string): Promise<SummaryBucket[]> {
    const { knex } = this.storage;
    const name = TABLES.rollups[granularity === 'minute' ? 'minute' : 'hour'];
    // A UTC day is the first ten characters of the ISO hour (2024-03-01T14:00:00.000Z).
    const bucket = granularity === 'day' ? knex.raw('substr(??, 1, 10)', ['bucket_start']) : knex.raw('??', ['bucket_start']);
    const sums = Object.fromEntries(Object.values(COUNT_COLUMN_NAMES).map((column) => [column, column]));
    const query = filter
      .apply(this.storage, name)
      .where('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .select(knex.raw('? as ??', [bucket, 'bucket']))
      .sum(sums)
      .groupBy(bucket)
      .orderBy('bucket');
    const rows = (await query) as Record<string, unknown>[];
    return rows.map((row) => ({
      start: granularity === 'day' ? `${String(row.bucket)}T00:00:00.000Z` : String(row.bucket),
      counts: countsOf(row),
    }));
  }
}
