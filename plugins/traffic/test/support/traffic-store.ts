import { fileURLToPath } from 'node:url';
import type { BusEvent, Clock, EventBus, Logger } from '@switchboard/sdk';
import { createInProcessBus } from '@switchboard/host/dist/events/index.js';
import { createPluginStorage, loadMigrationsFrom, runMigrations, type Database } from '@switchboard/host/dist/storage/index.js';
import { CallStore } from '../../src/server/call-store.js';
import { CommittedPublisher } from '../../src/server/committed-publisher.js';
import type { AttributedCall } from '../../src/server/call-rows.js';
import { CdrIngest } from '../../src/server/ingest.js';
import { NumberRegistry } from '../../src/server/number-registry.js';
import { RollupStore } from '../../src/server/rollup-store.js';
import { Rollup } from '../../src/rollup/rollup.js';
import { fromCallRow, type CallRow } from '../../src/server/call-rows.js';
import { fromRollupDbRow } from '../../src/server/rollup-rows.js';
import type { Granularity, RollupRow } from '../../src/rollup/rollup-row.js';

/** The compiled migrations, as the host loads them: dist/src/migrations. */
const migrations = fileURLToPath(new URL('../../src/migrations/', import.meta.url));

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

/** A clock the test sets. */
export class TestClock implements Clock {
  constructor(private at = new Date('2024-03-02T00:00:00Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

/**
 * The traffic plugin's storage on a real database, migrated as the host migrates it, with the
 * same classes the server entry wires together, and a real in-process bus: the storage layer's
 * tests run without HTTP in between.
 */
export async function openTrafficStore(db: Database, clock: Clock = new TestClock()) {
  await runMigrations(db, { owner: 'traffic', prefix: 'traffic_', migrations: await loadMigrationsFrom(migrations) });
  const storage = createPluginStorage(db, 'traffic');
  const rollups = new RollupStore(storage);
  const calls = new CallStore(storage, clock);
  const numbers = new NumberRegistry(storage, clock);
  const bus: EventBus = createInProcessBus({ logger: { warn: () => undefined, error: () => undefined } });
  const publisher = new CommittedPublisher(calls, bus, quiet);
  const ingest = new CdrIngest(calls, numbers, publisher, quiet);
  return { db, storage, rollups, calls, numbers, bus, publisher, ingest };
}

export type TrafficStore = Awaited<ReturnType<typeof openTrafficStore>>;

/** Every raw call stored, read back as records. */
export async function storedCalls(db: Database): Promise<AttributedCall[]> {
  return ((await db.knex('traffic_calls').select()) as CallRow[]).map(fromCallRow);
}

/** The stored rollup rows of one granularity, in the Rollup's order. */
export async function storedRollups(db: Database, granularity: Granularity): Promise<RollupRow[]> {
  const rows = (await db.knex(`traffic_rollups_${granularity}`).select()) as Record<string, unknown>[];
  return new Rollup().merge(rows.map((row) => fromRollupDbRow(granularity, row))).rows(granularity);
}

/** The rollup of the raw calls stored, recounted from scratch. */
export async function recount(db: Database, granularity: Granularity): Promise<RollupRow[]> {
  return Rollup.of(await storedCalls(db)).rows(granularity);
}

/** Collects the events of one subject from now on. */
export async function collectEvents<T>(bus: EventBus, subject: string): Promise<{ events: BusEvent<T>[]; stop(): Promise<void> }> {
  const events: BusEvent<T>[] = [];
  const subscription = await bus.subscribe<T>(subject, (event) => {
    events.push(event);
  });
  return { events, stop: () => subscription.unsubscribe() };
}
