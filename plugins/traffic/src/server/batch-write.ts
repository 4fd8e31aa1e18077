import type { AttributedCall, StoredCall } from './call-rows.js';
import { toNumber } from './tables.js';

/** A batch once committed: the calls that went in, with their ids, and its outbox row (null when none went in). */
export interface WrittenBatch {
  inserted: StoredCall[];
  outboxId: number | null;
}

/**
 * How a dialect commits a batch: its new calls, their rollups and the batch's outbox row, all or
 * nothing. Calls already stored (same source and source id) are skipped, neither stored nor
 * counted again.
 */
export interface BatchWrite {
  /** `calls` are unique by (source, sourceId) and sorted by that key. */
  write(calls: readonly AttributedCall[], receivedAt: string): Promise<WrittenBatch>;
}

/** The calls of a batch that the database stored, in the batch's order, given the rows it stored (id, source, source_id). */
export function storedCalls(calls: readonly AttributedCall[], rows: readonly { id: unknown; source: string; source_id: string }[]): StoredCall[] {
  const ids = new Map(rows.map((row) => [callKey(row.source, row.source_id), toNumber(row.id)]));
  const stored: StoredCall[] = [];
  for (const call of calls) {
    const id = ids.get(callKey(call.source, call.sourceId));
    if (id !== undefined) stored.push({ ...call, id });
  }
  return stored;
}

/** One string per (source, sourceId): what makes a record the same record. */
export const callKey = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;
