import { fileURLToPath } from 'node:url';
import type { Clock } from '@switchboard/sdk';
import { createPluginStorage, loadMigrationsFrom, runMigrations, type Database } from '@switchboard/host/dist/storage/index.js';
import { PlanStore } from '../../src/server/plan-store.js';

/** The compiled migrations, as the host loads them: dist/src/migrations. */
const migrations = fileURLToPath(new URL('../../src/migrations/', import.meta.url));

/** A clock the test sets. */
export class TestClock implements Clock {
  constructor(private at = new Date('2026-06-01T12:00:00Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

/** The plugin's plan store on a real database, migrated as the host migrates it. */
export async function openPlanStore(db: Database, clock: Clock): Promise<PlanStore> {
  await runMigrations(db, { owner: 'toll-free', prefix: 'toll_free_', migrations: await loadMigrationsFrom(migrations) });
  return new PlanStore(createPluginStorage(db, 'toll-free'), clock);
}
