import type { Identity } from '@switchboard/sdk';
import type { DirectoryChange } from './changes.js';

/** A loaded identity, or null (no such subject, disabled), with the tenant it belongs to when known. */
export interface LoadedIdentity {
  identity: Identity | null;
  tenantId: string | null;
}

export interface IdentityCacheOptions {
  /** How many subjects to hold; the least recently used go first. */
  maxEntries: number;
  /** A safety net for a lost invalidation message: nothing is served older than this. */
  ttlMs: number;
  now(): number;
}

interface Entry extends LoadedIdentity {
  loadedAt: number;
}

/**
 * The identities of the request path, held in memory so the dispatcher never queries the
 * database per request (see DESIGN, performance notes), and dropped the moment a change touches them.
 *
 * A load that was under way when an invalidation came may have read the old rows; it is answered
 * to its caller (who asked before the change finished) but never stored, so the next caller reads
 * afresh. That is what the epoch is for.
 */
export class IdentityCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Identity | null>>();
  private epoch = 0;

  constructor(private readonly options: IdentityCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, load: () => Promise<LoadedIdentity>): Promise<Identity | null> {
    const entry = this.entries.get(key);
    if (entry && this.options.now() - entry.loadedAt < this.options.ttlMs) {
      // Re-inserting keeps the Map in least-recently-used order for eviction.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return Promise.resolve(entry.identity);
    }
    // Concurrent requests of one subject share one load.
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const startedAt = this.epoch;
    const loading = load()
      .then((loaded) => {
        if (this.epoch === startedAt) this.store(key, loaded);
        return loaded.identity;
      })
      .finally(() => {
        if (this.pending.get(key) === loading) this.pending.delete(key);
      });
    this.pending.set(key, loading);
    return loading;
  }

  /** Drops what the change touches. Synchronous, so it is done before the change's call returns. */
  invalidate(change: DirectoryChange, keyOf: (kind: 'user' | 'client', id: string) => string): void {
    this.epoch++;
    this.pending.clear();
    if (change.all) {
      this.entries.clear();
      return;
    }
    for (const id of change.users ?? []) this.entries.delete(keyOf('user', id));
    for (const id of change.clients ?? []) this.entries.delete(keyOf('client', id));
    if (change.tenants?.length) {
      const tenants = new Set(change.tenants);
      for (const [key, entry] of this.entries) {
        if (entry.tenantId !== null && tenants.has(entry.tenantId)) this.entries.delete(key);
      }
    }
  }

  private store(key: string, loaded: LoadedIdentity): void {
    this.entries.delete(key);
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { ...loaded, loadedAt: this.options.now() });
  }
}
