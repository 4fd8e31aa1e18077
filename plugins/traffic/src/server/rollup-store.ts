import type { PluginStorage } from '@switchboard/sdk';
import type { RollupCounts } from '../rollup/rollup-row.js';
import { COUNT_COLUMN_NAMES, countsOf } from './rollup-rows.js';
import { GROUP_COLUMNS, sourceFor, type SummaryGranularity, type SummaryGroupBy } from './rollup-sources.js';
import type { TrafficFilter } from './traffic-filter.js';

/** The sums of one bucket of a summary, for one value of the column it is split by ('' when not split). */
export interface SummarySums {
  /** Start of the minute, hour or UTC day (ISO 8601). */
  start: string;
  key: string;
  counts: RollupCounts;
}

/**
 * Reading the rollup tables: sums over time. Each ingest adds its calls to them as it commits
 * (BatchWrite: SQLite's triggers, PostgreSQL's statements in TransactionBatchWrite).
 */
export class RollupStore {
  constructor(private readonly storage: PluginStorage) {}

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
