import { badRequest } from '@switchboard/sdk';
import type { SummaryGranularity } from './rollup-sources.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SIZE: Readonly<Record<SummaryGranularity, number>> = { minute: MINUTE, hour: HOUR, day: DAY };

/** The window a summary covers when the caller names none: the last hour, day or 30 days. */
const DEFAULT_SPAN: Readonly<Record<SummaryGranularity, number>> = { minute: HOUR, hour: DAY, day: 30 * DAY };

/** The longest window per granularity: a bounded number of buckets per answer (2,880, 2,208, 1,096). */
const MAX_SPAN: Readonly<Record<SummaryGranularity, number>> = { minute: 2 * DAY, hour: 92 * DAY, day: 1096 * DAY };

/**
 * The window of a summary, widened to whole buckets (from down, to up), since rollups count by
 * bucket and a part of one cannot be told apart. The answer names the window it counted. A window
 * that ends before it starts, or holds too many buckets, is a 400 naming `query.from`.
 */
export function summaryWindow(granularity: SummaryGranularity, now: Date, from?: string, to?: string): { from: string; to: string } {
  const size = SIZE[granularity];
  const toMs = to === undefined ? now.getTime() : Date.parse(to);
  const fromMs = from === undefined ? toMs - DEFAULT_SPAN[granularity] : Date.parse(from);
  if (fromMs >= toMs) throw badRequest('The request has invalid fields.', [{ field: 'query.from', message: 'must be before to' }]);
  const start = Math.floor(fromMs / size) * size;
  const end = Math.ceil(toMs / size) * size;
  if (end - start > MAX_SPAN[granularity]) {
    const message = `is too long before to for ${granularity} buckets: at most ${MAX_SPAN[granularity] / DAY} days`;
    throw badRequest('The request has invalid fields.', [{ field: 'query.from', message }]);
  }
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
