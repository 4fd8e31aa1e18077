import { ROLLUP_KEY_COLUMNS } from './rollup-rows.js';
import { TABLES } from './tables.js';

/** How finely a summary counts: the rollups' own minute and hour, and the UTC day. */
export type SummaryGranularity = 'minute' | 'hour' | 'day';

/** What a summary may be split by, and the rollup column each names. */
export const GROUP_COLUMNS = {
  dialedNumber: 'dialed_number',
  destination: 'destination',
  callCenter: 'call_center',
  disposition: 'disposition',
  originState: 'origin_state',
} as const;
export type SummaryGroupBy = keyof typeof GROUP_COLUMNS;

/** A rollup table a summary can be read from: how long its buckets are and what its rows are keyed by (beside tenant and bucket). */
export interface RollupSource {
  /** The table's name for storage.from(). */
  table: string;
  bucket: SummaryGranularity;
  keys: readonly string[];
}

/**
 * The rollup tables, the one with the fewest rows for a span first: per-number days, days per
 * destination and call center, then the wide hours and minutes. Every one is keyed by tenant and
 * dialed number, which every reader's filter needs.
 */
const SOURCES: readonly RollupSource[] = [
  { table: TABLES.numberDay, bucket: 'day', keys: ['dialed_number'] },
  { table: TABLES.destinationDay, bucket: 'day', keys: ['dialed_number', 'destination', 'call_center'] },
  { table: TABLES.rollups.hour, bucket: 'hour', keys: ROLLUP_KEY_COLUMNS.slice(2) },
  { table: TABLES.rollups.minute, bucket: 'minute', keys: ROLLUP_KEY_COLUMNS.slice(2) },
];

/** The buckets that add up to a summary's bucket without cutting one: a day is 24 whole UTC hours. */
const FITS: Readonly<Record<SummaryGranularity, readonly SummaryGranularity[]>> = { minute: ['minute'], hour: ['hour'], day: ['day', 'hour'] };

/**
 * The narrowest rollup that answers a summary: buckets that add up to the asked ones, keyed by
 * the column the summary is split by (if any). A 30-day day summary reads the per-number days (a
 * few thousand rows for a busy customer) rather than the hour rows (hundreds of thousands); split
 * by destination or call center it reads the days per destination; by disposition or origin
 * state it has to read the hour rows, which are keyed by them.
 */
export function sourceFor(granularity: SummaryGranularity, groupBy?: SummaryGroupBy): RollupSource {
  const column = groupBy === undefined ? undefined : GROUP_COLUMNS[groupBy];
  const source = SOURCES.find((candidate) => FITS[granularity].includes(candidate.bucket) && (column === undefined || candidate.keys.includes(column)));
  if (!source) throw new Error(`no rollup answers a ${granularity} summary by ${groupBy ?? 'nothing'}`);
  return source;
}
