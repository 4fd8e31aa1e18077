import type { Knex } from 'knex';
import { fromRow, GENESIS_HASH, hashRecord, type AuditRow } from './chain.js';

export type AuditVerdict =
  | { ok: true; records: number; head: string }
  | { ok: false; records: number; brokenAt: number; reason: string };

const PAGE = 1000;

/**
 * Walks the whole chain in order and recomputes every hash. Any edited, removed or inserted row
 * shows as the first sequence number where the chain no longer holds.
 */
export async function verifyAuditChain(knex: Knex): Promise<AuditVerdict> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = (await knex<AuditRow>('host_audit').where('seq', '>=', expectedSeq).orderBy('seq').limit(PAGE)) as AuditRow[];
    for (const row of rows) {
      const record = fromRow(row);
      if (record.seq !== expectedSeq) {
        return { ok: false, records: count, brokenAt: expectedSeq, reason: `record ${expectedSeq} is missing` };
      }
      if (record.prevHash !== expectedPrev) {
        return { ok: false, records: count, brokenAt: record.seq, reason: `record ${record.seq} does not point to the hash of record ${record.seq - 1}` };
      }
      const { hash, ...content } = record;
      if (hashRecord(content) !== hash) {
        return { ok: false, records: count, brokenAt: record.seq, reason: `record ${record.seq} was changed after it was written` };
      }
      expectedPrev = hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < PAGE) return { ok: true, records: count, head: expectedPrev };
  }
}
