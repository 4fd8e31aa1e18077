import type { Clock, PluginStorage } from '@switchboard/sdk';
import { callKey, type BatchWrite } from './batch-write.js';
import { fromCallRow, type AttributedCall, type CallRow, type StoredCall } from './call-rows.js';
import { StatementBatchWrite } from './statement-batch-write.js';
import { chunks, TABLES, toNumber } from './tables.js';
import type { TrafficFilter } from './traffic-filter.js';
import { TransactionBatchWrite } from './transaction-batch-write.js';

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
  private readonly batches: BatchWrite;

  constructor(
    private readonly storage: PluginStorage,
    private readonly clock: Clock,
  ) {
    this.batches = storage.dialect === 'postgres' ? new TransactionBatchWrite(storage) : new StatementBatchWrite(storage);
  }

  /**
   * Stores a batch atomically: the calls whose (source, sourceId) is not stored yet, their rollups
   * and the outbox row naming them (BatchWrite, one per dialect). So a record sent again is
   * neither stored nor counted twice, also when two senders race with the same record. Once this
   * resolves, the batch is committed.
   */
  async ingest(calls: readonly AttributedCall[]): Promise<IngestResult> {
    const unique = uniqueInOrder(calls);
    const repeatedInBatch = calls.length - unique.length;
    if (!unique.length) return { committed: [], duplicates: repeatedInBatch, outboxId: null };
    const { inserted, outboxId } = await this.batches.write(unique, this.clock.now().toISOString());
    return { committed: inserted, duplicates: repeatedInBatch + unique.length - inserted.length, outboxId };
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
    const rows = (await this.storage.from(TABLES.outbox).where('created_at', '<', before).orderBy('id').limit(limit)) as OutboxRow[];
    const batches: { outboxId: number; calls: StoredCall[] }[] = [];
    for (const row of rows) {
      const calls: StoredCall[] = [];
      for (const found of await this.outboxCalls(row)) calls.push({ ...fromCallRow(found), id: toNumber(found.id) });
      // Calls the retention purge removed meanwhile are not published: they are no longer stored.
      batches.push({ outboxId: toNumber(row.id), calls });
    }
    return batches;
  }

  /** An outbox row's stored calls, by id: its list of ids (PostgreSQL), or its range of ids (SQLite, migration 009). */
  private async outboxCalls(row: OutboxRow): Promise<CallRow[]> {
    if (row.call_ids) {
      const found: CallRow[] = [];
      for (const piece of chunks(JSON.parse(row.call_ids) as number[], 500)) found.push(...((await this.storage.from(TABLES.calls).whereIn('id', piece).orderBy('id')) as CallRow[]));
      return found;
    }
    return (await this.storage.from(TABLES.calls).where('id', '>', toNumber(row.after_id)).andWhere('id', '<=', toNumber(row.through_id)).orderBy('id')) as CallRow[];
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

/** A row of traffic_outbox: its calls' ids as a JSON list, or (SQLite, migration 009) '' and the range of ids. */
interface OutboxRow {
  id: number | string;
  call_ids: string;
  after_id?: number | string | null;
  through_id?: number | string | null;
}

/**
 * The batch without repeats of one (source, sourceId) (the first is kept), sorted by that key:
 * every batch then takes the unique index's locks in one order, so two batches with overlapping
 * records wait for each other instead of deadlocking.
 */
export function uniqueInOrder(calls: readonly AttributedCall[]): AttributedCall[] {
  const byKey = new Map<string, AttributedCall>();
  for (const call of calls) {
    const key = callKey(call.source, call.sourceId);
    if (!byKey.has(key)) byKey.set(key, call);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, call]) => call);
}
