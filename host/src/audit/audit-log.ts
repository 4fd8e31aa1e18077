import type { AuditInput, AuditLog, AuditRecord, Clock } from '@switchboard/sdk';
import type { Knex } from 'knex';
import { GENESIS_HASH, recordFrom, toRow, type AuditRow } from './chain.js';

const TABLE = 'host_audit';
const MAX_ATTEMPTS = 20;

/**
 * The append-only, hash-chained audit trail. Each append reads the chain's head and writes the next
 * sequence number; the primary key on `seq` makes two writers (two processes on one database) collide
 * instead of forking the chain, and the loser retries on the new head. Appends from this process are
 * queued so they do not collide with each other.
 */
export class HashChainedAuditLog implements AuditLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
  ) {}

  append(entry: AuditInput): Promise<AuditRecord> {
    const next = this.queue.then(() => this.appendWithRetry(entry));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendWithRetry(entry: AuditInput): Promise<AuditRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.knex.transaction(async (trx) => {
          const head = (await trx<AuditRow>(TABLE).select('seq', 'hash').orderBy('seq', 'desc').first()) as
            | Pick<AuditRow, 'seq' | 'hash'>
            | undefined;
          const record = recordFrom(entry, head ? Number(head.seq) + 1 : 1, this.clock.now().toISOString(), head?.hash ?? GENESIS_HASH);
          await trx(TABLE).insert(toRow(record));
          return record;
        });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isWriteConflict(error)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }
}

/** A unique-key collision on seq (another writer won) or SQLite's busy lock. */
function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT' || e.code === 'SQLITE_BUSY' || /UNIQUE|SQLITE_BUSY/.test(e.message ?? '');
}
