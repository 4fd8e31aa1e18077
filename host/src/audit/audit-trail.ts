import type { AuditRecord } from '@switchboard/sdk';
import type { Knex } from 'knex';
import { fromRow, type AuditRow } from './chain.js';

const TABLE = 'host_audit';

/** Which entries to read: always some tenants; optionally one actor, one plugin, a time range. */
export interface AuditFilter {
  tenants: readonly string[];
  /** The acting subject's id (a user's or client's). */
  actor?: string;
  plugin?: string;
  /** ISO 8601 instants: entries at or after `from`, and before `to`. */
  from?: string;
  to?: string;
  /** The sequence number of the last entry of the previous page: newer pages come first. */
  before?: number;
  limit: number;
}

/** The audit entries shown to people: everything but the chain's hashes, which are for `audit verify`. */
export type AuditEntry = Omit<AuditRecord, 'hash' | 'prevHash'>;

/**
 * Reading the audit trail, newest first, in pages keyed by sequence number (which only grows, so a
 * page never repeats or skips an entry while new ones are appended).
 */
export class AuditTrail {
  constructor(private readonly knex: Knex) {}

  async list(filter: AuditFilter): Promise<{ items: AuditEntry[]; next: number | null }> {
    const query = this.knex<AuditRow>(TABLE)
      .whereIn('tenant_id', [...filter.tenants])
      .orderBy('seq', 'desc')
      .limit(filter.limit + 1);
    if (filter.actor !== undefined) query.andWhere('actor_subject', filter.actor);
    if (filter.plugin !== undefined) query.andWhere('plugin', filter.plugin);
    // Stored as ISO 8601 in UTC, which sorts as text in time order on both databases.
    if (filter.from !== undefined) query.andWhere('at', '>=', filter.from);
    if (filter.to !== undefined) query.andWhere('at', '<', filter.to);
    if (filter.before !== undefined) query.andWhere('seq', '<', filter.before);
    const rows = (await query) as AuditRow[];
    const items = rows.slice(0, filter.limit).map((row) => {
      const { hash: _hash, prevHash: _prevHash, ...entry } = fromRow(row);
      return entry;
    });
    return { items, next: rows.length > filter.limit ? items[items.length - 1]!.seq : null };
  }
}
