import type { Knex } from 'knex';
import type { Clock } from '@switchboard/sdk';
import type { Actor } from './actor.js';
import type { Catalog } from './catalog.js';
import type { DirectoryChange } from './changes.js';

/** One change as the audit trail records it; the actor's identity and the plugin (`host`) are added. */
export interface ChangeRecord {
  actor: Actor;
  /** The tenant whose data changed. */
  tenantId: string;
  /** `directory.user.create` and the like. */
  action: string;
  resource?: string;
  details?: Record<string, unknown>;
}

/** What the directory's areas (tenants, users, roles, grants, clients) share. */
export interface DirectoryContext {
  readonly knex: Knex;
  readonly clock: Clock;
  /** The installed entitlements, the directory's own (`host:*`) included. */
  catalog(): Catalog;
  now(): string;
  /**
   * After a change has committed: drops this process's cached identities it touches (before
   * returning), appends it to the audit trail, and tells the other host processes.
   */
  changed(affects: DirectoryChange, record: ChangeRecord): Promise<void>;
}
