import type { Knex } from 'knex';

/** PostgreSQL deadlock_detected and serialization_failure; SQLite's "database is locked" past its busy timeout. */
const RETRYABLE = new Set(['40P01', '40001', 'SQLITE_BUSY']);
const ATTEMPTS = 3;

/**
 * Runs work in one transaction, again from the start when the database gave it up as a deadlock
 * victim or under lock contention. Safe because nothing of a batch is acknowledged before its
 * commit, and the work is idempotent from a clean start.
 */
export async function withRetriedTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
