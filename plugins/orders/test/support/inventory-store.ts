import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@switchboard/sdk';
import { HashChainedAuditLog } from '@switchboard/host/dist/audit/audit-log.js';
import { createPluginStorage, loadMigrationsFrom, runMigrations, type Database } from '@switchboard/host/dist/storage/index.js';
import { NumberInventory } from '../../src/numbers/inventory.js';
import { InventorySweeper } from '../../src/numbers/sweeper.js';
import { TestClock } from './test-clock.js';

/** The compiled migrations, as the host loads them: the plugin's dist/src/migrations, and the host's own (the audit trail). */
const migrations = fileURLToPath(new URL('../../src/migrations/', import.meta.url));
const hostMigrations = dirname(fileURLToPath(import.meta.resolve('@switchboard/host/dist/migrations/001-audit.js')));

export const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

/**
 * The inventory on a real database, migrated as the host migrates it, with the real audit trail and
 * a clock the test moves: the inventory's states and the sweep without HTTP in between.
 */
export async function openInventory(db: Database, clock = new TestClock()) {
  await runMigrations(db, { owner: 'host', prefix: 'host_', migrations: await loadMigrationsFrom(hostMigrations) });
  await runMigrations(db, { owner: 'orders', prefix: 'orders_', migrations: await loadMigrationsFrom(migrations) });
  const inventory = new NumberInventory(createPluginStorage(db, 'orders'), clock);
  const audit = new HashChainedAuditLog(db.knex, clock);
  const sweeper = new InventorySweeper(inventory, audit, quiet, 15);
  return { db, clock, inventory, audit, sweeper };
}

/** The state of each number, as stored. */
export async function statesOf(db: Database, numbers: readonly string[]): Promise<Record<string, string>> {
  const rows = (await db.knex('orders_numbers').select('number', 'state').whereIn('number', [...numbers])) as { number: string; state: string }[];
  return Object.fromEntries(rows.map((row) => [row.number, row.state]));
}
