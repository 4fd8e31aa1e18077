import type { Clock, PluginStorage } from '@switchboard/sdk';
import { BulkInsert } from './bulk-statement.js';
import { CALL_COLUMNS, callValues, fromCallRow, type AttributedCall, type CallRow, type StoredCall } from './call-rows.js';
import type { RollupStore } from './rollup-store.js';
import { chunks, TABLES, toNumber } from './tables.js';
import type { TrafficFilter } from './traffic-filter.js';
import { withRetriedTransaction } from './transactions.js';

export interface IngestResult {
  /** Calls stored now, in (source, sourceId) order, with their stored ids. */
  committed: StoredCall[];
  /** Records already stored, or repeated within the batch: not stored or counted again. */
  duplicates: number;
  /** The batch's outbox row, to delete once its calls are published; null when nothing was stored. */
  outboxId: number | null;
}

export interface CallQuery {
  /** Calls that started at or after this instant (ISO 8601). */
  from?: string;
  /** Calls that started before this instant. */
  to?: string;
  limit: number;
}

const PURGE_ROWS_PER_STATEMENT = 5_000;

/** The raw call records: durable ingest with its rollups, reading, and the retention purge. */
export class CallStore {
  /** A batch's calls in one statement: rows already stored (same source and source id) are skipped, those that went in come back. */
  private readonly insertCalls: BulkInsert;

  constructor(
    private readonly storage: PluginStorage,
    private readonly rollups: RollupStore,
    private readonly clock: Clock,
  ) {
    this.insertCalls = new BulkInsert(storage.dialect, storage.table(TABLES.calls), CALL_COLUMNS, 'on conflict (source, source_id) do nothing returning id, source, source_id');
  }

  /**
   * Stores a batch in one transaction: the calls as one multi-row insert that skips any (source,
   * sourceId) already stored and returns the rows that did go in; then the rollup of exactly those
   * rows, added to the stored rollups. So a record sent again is neither stored nor counted twice,
   * also when two senders race with the same record (on PostgreSQL the second insert waits for the
   * first transaction and then skips). Once this resolves, the batch is committed.
   */
  async ingest(calls: readonly AttributedCall[]): Promise<IngestResult> {
    const unique = uniqueInOrder(calls);
    const repeatedInBatch = calls.length - unique.length;
    if (!unique.length) return { committed: [], duplicates: repeatedInBatch, outboxId: null };
    const receivedAt = this.clock.now().toISOString();
    const committed = await withRetriedTransaction(this.storage.knex, async (trx) => {
      const inserted: StoredCall[] = [];
      const returned = (await this.insertCalls.run(trx, unique.map((call) => callValues(call, receivedAt)))) as unknown as Pick<CallRow, 'id' | 'source' | 'source_id'>[];
      const went = new Map(returned.map((row) => [keyOf(row.source, row.source_id), toNumber(row.id)]));
      for (const call of unique) {
        const id = went.get(keyOf(call.source, call.sourceId));
        if (id !== undefined) inserted.push({ ...call, id });
      }
      if (!inserted.length) return { inserted, outboxId: null };
      await this.rollups.addCalls(trx, inserted.map((call) => call.id));
      const outboxRow = { call_ids: JSON.stringify(inserted.map((call) => call.id)), created_at: receivedAt };
      const [row] = (await trx(this.storage.table(TABLES.outbox)).insert(outboxRow).returning('id')) as ({ id: number | string } | number)[];
      return { inserted, outboxId: toNumber(typeof row === 'object' ? row.id : row) };
    });
    return { committed: committed.inserted, duplicates: repeatedInBatch + unique.length - committed.inserted.length, outboxId: committed.outboxId };
  }

  /** Forgets batches' outbox rows once their calls are published. */
  async published(outboxIds: readonly number[]): Promise<void> {
    if (outboxIds.length) await this.storage.from(TABLES.outbox).whereIn('id', outboxIds).delete();
  }

  /**
   * Outbox rows written before `before` (older than any batch still between its commit and its
   * publication), oldest first, each with its calls: what the relay publishes.
   */
  async unpublished(before: string, limit: number): Promise<{ outboxId: number; calls: StoredCall[] }[]> {
    const rows = (await this.storage.from(TABLES.outbox).where('created_at', '<', before).orderBy('id').limit(limit)) as { id: number | string; call_ids: string }[];
    const batches: { outboxId: number; calls: StoredCall[] }[] = [];
    for (const row of rows) {
      const ids = JSON.parse(row.call_ids) as number[];
      const calls: StoredCall[] = [];
      for (const piece of chunks(ids, 500)) {
        const found = (await this.storage.from(TABLES.calls).whereIn('id', piece).orderBy('id')) as CallRow[];
        calls.push(...found.map((call) => ({ ...fromCallRow(call), id: toNumber(call.id) })));
      }
      // Calls the retention purge removed meanwhile are not published: they are no longer stored.
      batches.push({ outboxId: toNumber(row.id), calls });
    }
    return batches;
  }

  /** A reader's calls, newest first. */
  async list(filter: TrafficFilter, query: CallQuery): Promise<AttributedCall[]> {
    const rows = filter.apply(this.storage, TABLES.calls);
    if (query.from !== undefined) rows.where('started_at', '>=', query.from);
    if (query.to !== undefined) rows.where('started_at', '<', query.to);
    rows.orderBy([{ column: 'started_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(query.limit);
    return ((await rows) as CallRow[]).map(fromCallRow);
  }

  /**
   * A reader's calls stored after the one with id `afterId`, oldest first: what a reconnecting
   * live stream missed.
   */
  async listAfter(filter: TrafficFilter, afterId: number, limit: number): Promise<StoredCall[]> {
    const id = `${this.storage.table(TABLES.calls)}.id`;
    const rows = filter.apply(this.storage, TABLES.calls).where(id, '>', afterId).orderBy(id).limit(limit);
    return ((await rows) as CallRow[]).map((row) => ({ ...fromCallRow(row), id: toNumber(row.id) }));
  }

  /**
   * Deletes raw records that started before the cutoff, a few thousand rows per statement so that
   * neither dialect holds a long lock over a busy table. The rollups are kept: history views and
   * reports over months read those. Returns how many records were removed.
   */
  async purgeStartedBefore(cutoff: string): Promise<number> {
    const { knex } = this.storage;
    let removed = 0;
    for (;;) {
      const oldest = this.storage.from(TABLES.calls).select('id').where('started_at', '<', cutoff).orderBy('started_at').limit(PURGE_ROWS_PER_STATEMENT);
      const deleted = await knex(this.storage.table(TABLES.calls)).whereIn('id', oldest).delete();
      removed += deleted;
      if (deleted < PURGE_ROWS_PER_STATEMENT) return removed;
    }
  }
}

const keyOf = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;

/**
 * The batch without repeats of one (source, sourceId) (the first is kept), sorted by that key:
 * every batch then takes the unique index's locks in one order, so two batches with overlapping
 * records wait for each other instead of deadlocking.
 */
function uniqueInOrder(calls: readonly AttributedCall[]): AttributedCall[] {
  const byKey = new Map<string, AttributedCall>();
  for (const call of calls) {
    const key = keyOf(call.source, call.sourceId);
    if (!byKey.has(key)) byKey.set(key, call);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, call]) => call);
}
