import type { PluginStorage } from '@switchboard/sdk';
import type { Disposition } from '../cdr/call-record.js';
import type { ReplayCall } from '../routing/call-router.js';
import { TABLES } from './tables.js';

/** Rows read per statement: a few hundred kilobytes a page, so a month of a busy number streams in steps. */
export const REPLAY_PAGE_ROWS = 2_000;

/** The columns a replay needs of traffic_calls, and no more. */
const COLUMNS = ['id', 'source_id', 'dialed_number', 'calling_number', 'started_at', 'destination', 'call_center', 'duration_seconds', 'disposition'] as const;

interface ReplayRow {
  id: number | string;
  source_id: string;
  dialed_number: string;
  calling_number: string | null;
  started_at: string;
  destination: string | null;
  call_center: string | null;
  duration_seconds: number | string;
  disposition: Disposition;
}

/**
 * A tenant's inbound calls to some numbers that started in [from, to), oldest first, for the
 * toll-free plugin's what-if replay (TrafficContract.callsForReplay). Read a page at a time by
 * keyset on (started_at, id), which the (tenant_id, started_at) index serves on both dialects, so
 * the memory it holds is one page whatever the window holds, and a consumer that stops early
 * stops the reading. Times are ISO text in UTC in storage, so they compare as text.
 */
export async function* callsForReplay(storage: PluginStorage, tenantId: string, numbers: readonly string[], from: string, to: string): AsyncGenerator<ReplayCall> {
  if (!numbers.length) return;
  const table = storage.table(TABLES.calls);
  let after: { startedAt: string; id: number } | null = null;
  for (;;) {
    const page = storage
      .from(TABLES.calls)
      .select(COLUMNS.map((column) => `${table}.${column}`))
      .where({ tenant_id: tenantId, direction: 'inbound' })
      .whereIn('dialed_number', [...numbers])
      .where('started_at', '>=', from)
      .where('started_at', '<', to);
    if (after) {
      const { startedAt, id } = after;
      page.where((later) => later.where('started_at', '>', startedAt).orWhere((same) => same.where('started_at', startedAt).where(`${table}.id`, '>', id)));
    }
    const rows = (await page.orderBy([{ column: 'started_at' }, { column: `${table}.id` }]).limit(REPLAY_PAGE_ROWS)) as ReplayRow[];
    for (const row of rows) yield toReplayCall(row);
    if (rows.length < REPLAY_PAGE_ROWS) return;
    const last = rows[rows.length - 1]!;
    after = { startedAt: last.started_at, id: Number(last.id) };
  }
}

function toReplayCall(row: ReplayRow): ReplayCall {
  return {
    callId: row.source_id,
    dialedNumber: row.dialed_number,
    callingNumber: row.calling_number,
    startedAt: row.started_at,
    destination: row.destination,
    callCenter: row.call_center,
    // bigint and integer columns may come back from PostgreSQL as text.
    durationSeconds: Number(row.duration_seconds),
    disposition: row.disposition,
  };
}
