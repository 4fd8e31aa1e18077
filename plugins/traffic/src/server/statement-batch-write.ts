import { randomUUID } from 'node:crypto';
import type { PluginStorage } from '@switchboard/sdk';
import { storedCalls, type BatchWrite, type WrittenBatch } from './batch-write.js';
import { callValues, type AttributedCall } from './call-rows.js';
import { TABLES, toNumber } from './tables.js';
import { withRetries } from './transactions.js';

/**
 * SQLite's batch: ONE statement, an insert of the whole batch (one JSON text, as BulkInsert sends
 * it) into the view traffic_ingest, whose trigger stores the new calls, lets their triggers add
 * the rollups and writes the outbox row naming their id range (migration 009). Then one read of
 * the calls that went in, by the batch's token: the commit no longer waits for the event loop
 * between statements, and the one connection is free for the next batch as soon as it is done.
 */
export class StatementBatchWrite implements BatchWrite {
  private readonly insertText: string;
  private readonly storedText: string;

  constructor(private readonly storage: PluginStorage) {
    const outbox = storage.table(TABLES.outbox);
    const calls = storage.table(TABLES.calls);
    // Table names are this plugin's own; values are bound.
    this.insertText = `insert into ${storage.table('ingest')} (token, rows, created_at) values (?, ?, ?)`;
    this.storedText = `select c.id, c.source, c.source_id, o.id as outbox_id from ${outbox} o join ${calls} c on c.id > o.after_id and c.id <= o.through_id where o.token = ? order by c.id`;
  }

  async write(calls: readonly AttributedCall[], receivedAt: string): Promise<WrittenBatch> {
    const { knex } = this.storage;
    const token = randomUUID();
    const rows = JSON.stringify(calls.map((call) => callValues(call, receivedAt)));
    await withRetries(() => knex.raw(this.insertText, [token, rows, receivedAt]));
    const stored = (await knex.raw(this.storedText, [token])) as { id: number; source: string; source_id: string; outbox_id: number }[];
    return { inserted: storedCalls(calls, stored), outboxId: stored.length ? toNumber(stored[0]!.outbox_id) : null };
  }
}
