import type { PluginStorage } from '@switchboard/sdk';
import { storedCalls, type BatchWrite, type WrittenBatch } from './batch-write.js';
import { BulkInsert } from './bulk-statement.js';
import { CALL_COLUMNS, callValues, type AttributedCall } from './call-rows.js';
import type { RollupStore } from './rollup-store.js';
import { TABLES, toNumber } from './tables.js';
import { withRetriedTransaction } from './transactions.js';

/**
 * PostgreSQL's batch: one transaction of the calls as one multi-row insert that skips any
 * (source, sourceId) already stored and returns the rows that did go in, the rollup of exactly
 * those rows (RollupStore), and the outbox row listing their ids. When two senders race with the
 * same record, the second insert waits for the first transaction and then skips it.
 */
export class TransactionBatchWrite implements BatchWrite {
  private readonly insertCalls: BulkInsert;

  constructor(
    private readonly storage: PluginStorage,
    private readonly rollups: RollupStore,
  ) {
    this.insertCalls = new BulkInsert(storage.dialect, storage.table(TABLES.calls), CALL_COLUMNS, 'on conflict (source, source_id) do nothing returning id, source, source_id');
  }

  write(calls: readonly AttributedCall[], receivedAt: string): Promise<WrittenBatch> {
    return withRetriedTransaction(this.storage.knex, async (trx) => {
      const returned = (await this.insertCalls.run(trx, calls.map((call) => callValues(call, receivedAt)))) as { id: unknown; source: string; source_id: string }[];
      const inserted = storedCalls(calls, returned);
      if (!inserted.length) return { inserted, outboxId: null };
      await this.rollups.addCalls(trx, inserted.map((call) => call.id));
      const outboxRow = { call_ids: JSON.stringify(inserted.map((call) => call.id)), created_at: receivedAt };
      const [row] = (await trx(this.storage.table(TABLES.outbox)).insert(outboxRow).returning('id')) as ({ id: number | string } | number)[];
      return { inserted, outboxId: toNumber(typeof row === 'object' ? row.id : row) };
    });
  }
}
