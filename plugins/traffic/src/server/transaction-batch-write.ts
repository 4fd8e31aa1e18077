import type { PluginStorage } from '@switchboard/sdk';
import { storedCalls, type BatchWrite, type WrittenBatch } from './batch-write.js';
import { BulkInsert } from './bulk-statement.js';
import { CALL_COLUMNS, callValues, type AttributedCall } from './call-rows.js';
import { BUCKET_SQL, RollupFromCalls, WIDE_KEYS, type RollupTarget } from './rollup-from-calls.js';
import { TABLES, toNumber } from './tables.js';
import { withRetriedTransaction } from './transactions.js';

/**
 * PostgreSQL's batch: one transaction of the calls as one multi-row insert that skips any
 * (source, sourceId) already stored and returns the rows that did go in, the rollup of exactly
 * those rows (one statement per rollup table, RollupFromCalls: summed per key and upserted in key
 * order, which a row trigger cannot do under concurrent writers), and the outbox row listing their
 * ids. When two senders race with the
 * same record, the second insert waits for the first transaction and then skips it.
 */
export class TransactionBatchWrite implements BatchWrite {
  private readonly insertCalls: BulkInsert;
  /** The minute and hour rows, the per-number days and the days per destination. */
  private readonly rollUps: readonly RollupFromCalls[];

  constructor(private readonly storage: PluginStorage) {
    const calls = storage.table(TABLES.calls);
    this.insertCalls = new BulkInsert(storage.dialect, calls, CALL_COLUMNS, 'on conflict (source, source_id) do nothing returning id, source, source_id');
    const target = (table: string, keys: RollupTarget['keys']) => new RollupFromCalls(calls, { table: storage.table(table), keys });
    this.rollUps = [
      target(TABLES.rollups.minute, WIDE_KEYS(BUCKET_SQL.minute)),
      target(TABLES.rollups.hour, WIDE_KEYS(BUCKET_SQL.hour)),
      target(TABLES.numberDay, [['tenant_id', 'tenant_id'], ['bucket_start', BUCKET_SQL.day], ['dialed_number', 'dialed_number']]),
      target(TABLES.destinationDay, [
        ['tenant_id', 'tenant_id'],
        ['bucket_start', BUCKET_SQL.day],
        ['dialed_number', 'dialed_number'],
        ['destination', "coalesce(destination, '')"],
        ['call_center', "coalesce(call_center, '')"],
      ]),
    ];
  }

  write(calls: readonly AttributedCall[], receivedAt: string): Promise<WrittenBatch> {
    return withRetriedTransaction(this.storage.knex, async (trx) => {
      const returned = (await this.insertCalls.run(trx, calls.map((call) => callValues(call, receivedAt)))) as { id: unknown; source: string; source_id: string }[];
      const inserted = storedCalls(calls, returned);
      if (!inserted.length) return { inserted, outboxId: null };
      const ids = inserted.map((call) => call.id);
      for (const rollUp of this.rollUps) await rollUp.run(trx, ids);
      const outboxRow = { call_ids: JSON.stringify(inserted.map((call) => call.id)), created_at: receivedAt };
      const [row] = (await trx(this.storage.table(TABLES.outbox)).insert(outboxRow).returning('id')) as ({ id: number | string } | number)[];
      return { inserted, outboxId: toNumber(typeof row === 'object' ? row.id : row) };
    });
  }
}
