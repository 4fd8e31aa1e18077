import type { Knex } from 'knex';

/** PostgreSQL deadlock_detected and serialization_failure; SQLite's "database is locked" past its busy timeout. */
const RETRYABLE = new Set(['40P01', '40001', 'SQLITE_BUSY']);
const ATTEMPTS = 3;

/**
 * Runs atomic work (one transaction, or one statement), again from the start when the database
 * gave it up as a deadlock victim or under lock contention. Safe because nothing of a batch is
 * acknowledged before its commit, and the work is idempotent from a clean start.
 */
export async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

/** Runs work in one transaction, retried as withRetries says. */
export function withRetriedTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return withRetries(() => knex.transaction(work));
}
