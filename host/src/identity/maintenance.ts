import type { Logger } from 'pino';
import type { LoginThrottle } from '../auth/index.js';
import type { Database } from '../storage/index.js';
import { sweepExpiredOidcRecords } from '../oidc/adapter.js';

const EVERY_MS = 10 * 60_000;

/**
 * Clears what expires on its own but is never read again: the provider's spent records and old
 * sign-in failures. Every host does it; the deletes are idempotent, so several at once is harmless.
 */
export function startIdentityMaintenance(db: Database, throttle: LoginThrottle, log: Logger): () => void {
  const sweep = async () => {
    try {
      const [records, failures] = [await sweepExpiredOidcRecords(db.knex), await throttle.prune()];
      if (records || failures) log.info({ records, failures }, 'expired identity records removed');
    } catch (error) {
      log.warn({ err: error }, 'identity maintenance failed; it runs again later');
    }
  };
  const timer = setInterval(() => void sweep(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
