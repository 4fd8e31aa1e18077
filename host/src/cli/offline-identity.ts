import { systemClock } from '@switchboard/sdk';
import { HashChainedAuditLog } from '../audit/audit-log.js';
import type { HostConfig } from '../config/types.js';
import { openStorage } from '../core.js';
import { connectNatsBus, createInProcessBus } from '../events/index.js';
import { openIdentityStack, type IdentityStack } from '../identity/identity-stack.js';
import { discoverPlugins } from '../loader/discover.js';
import { createLogger } from '../logger.js';

/**
 * The identity stack for a command-line tool, without starting plugins or a server: the catalog of
 * entitlements comes from the installed plugins' manifests. With NATS configured, running hosts hear
 * about the changes at once; on the embedded in-process bus they see them within the directory's
 * cache age (five minutes) or at their next start.
 */
export async function withOfflineIdentity<T>(config: HostConfig, work: (stack: IdentityStack) => Promise<T>): Promise<T> {
  const log = createLogger({ log: { level: 'warn' } }, { role: 'cli' });
  const db = await openStorage(config, log);
  const bus = config.events.nats ? await connectNatsBus({ ...config.events.nats }) : createInProcessBus();
  try {
    const { plugins } = await discoverPlugins(config.plugins.dirs, config.plugins.packages, config.plugins.disabled);
    const catalog = new Map(plugins.map((p) => [p.manifest.id, Object.keys(p.manifest.entitlements)]));
    const stack = await openIdentityStack({ config, db, bus, clock: systemClock, audit: new HashChainedAuditLog(db.knex, systemClock), log, catalog: () => catalog });
    try {
      return await work(stack);
    } finally {
      await stack.directory.close();
    }
  } finally {
    await bus.close();
    await db.close();
  }
}
