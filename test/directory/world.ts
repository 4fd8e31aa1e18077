import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, systemClock, type EventBus, type Identity } from '@switchboard/sdk';
import { HashChainedAuditLog } from '@switchboard/host/dist/audit/audit-log.js';
import { Directory, OPERATOR, type Catalog } from '@switchboard/host/dist/directory/index.js';
import { createInProcessBus } from '@switchboard/host/dist/events/index.js';
import { loadMigrationsFrom, runMigrations, type Database } from '@switchboard/host/dist/storage/index.js';
import type { TestDatabase } from '../support/databases.js';

const hostMigrations = dirname(fileURLToPath(import.meta.resolve('@switchboard/host/dist/migrations/001-audit.js')));

/** The host's tables, as a host would have them at start. */
export async function migrate(db: Database): Promise<void> {
  await runMigrations(db, { owner: 'host', prefix: 'host_', migrations: await loadMigrationsFrom(hostMigrations) });
}

/** The installed services of these tests and their entitlements, as the host builds it from manifests. */
export const catalog: Catalog = new Map([
  ['traffic', ['calls.read', 'monitor.read']],
  ['toll-free', ['plans.read', 'plans.write', 'plans.activate']],
  ['billing', ['invoices.read', 'payments.write']],
  ['reports', ['reports.read', 'schedules.write']],
  ['broadband', ['circuits.read']],
]);

export function openDirectory(db: Database, bus: EventBus): Directory {
  const silent = { warn: () => undefined };
  return new Directory({ db, bus, clock: systemClock, audit: new HashChainedAuditLog(db.knex, systemClock), catalog: () => catalog, log: silent });
}

/**
 * A small installation, made through the operator paths a CLI seed uses:
 *
 *   carrier ── northwind (reseller: traffic, toll-free, reports, billing)
 *   │            ├── acme   (customer: traffic, toll-free, reports)  alice admin, bob restricted
 *   │            └── globex (customer: traffic)                       gus admin
 *   ├── southwind (reseller: traffic)
 *   │            └── initech (customer: traffic)                      ian admin
 *   cara: carrier admin; nina: northwind admin; sam: southwind admin
 */
export interface World {
  directory: Directory;
  bus: EventBus;
  users: Record<'cara' | 'nina' | 'sam' | 'alice' | 'bob' | 'gus' | 'ian', string>;
  /** The identity the directory gives a user now, which must exist. */
  as(user: keyof World['users']): Promise<Identity>;
  close(): Promise<void>;
}

export async function buildWorld(t: TestDatabase): Promise<World> {
  await migrate(t.db);
  const bus = createInProcessBus({ logger: { warn: () => undefined, error: () => undefined } });
  const directory = openDirectory(t.db, bus);
  await directory.ready;
  await directory.ensureCarrier('carrier', 'Carrier Telecom');
  const tenant = (id: string, parentId: string, kind: 'reseller' | 'customer', subscriptions: string[]) =>
    directory.createTenant(OPERATOR, { id, parentId, kind, name: id[0]!.toUpperCase() + id.slice(1), subscriptions });
  await tenant('northwind', 'carrier', 'reseller', ['traffic', 'toll-free', 'reports', 'billing']);
  await tenant('southwind', 'carrier', 'reseller', ['traffic']);
  await tenant('acme', 'northwind', 'customer', ['traffic', 'toll-free', 'reports']);
  await tenant('globex', 'northwind', 'customer', ['traffic']);
  await tenant('initech', 'southwind', 'customer', ['traffic']);

  const user = async (login: string, tenantId: string) => {
    const created = await directory.createUser(OPERATOR, { tenantId, login, name: login[0]!.toUpperCase() + login.slice(1), email: `${login}@example.com` });
    await directory.setUserStatus(OPERATOR, created.id, 'active');
    return created.id;
  };
  const users = {
    cara: await user('cara', 'carrier'),
    nina: await user('nina', 'northwind'),
    sam: await user('sam', 'southwind'),
    alice: await user('alice', 'acme'),
    bob: await user('bob', 'acme'),
    gus: await user('gus', 'globex'),
    ian: await user('ian', 'initech'),
  };
  for (const admin of ['cara', 'nina', 'sam', 'alice', 'gus', 'ian'] as const) {
    await directory.grant(OPERATOR, { subject: { kind: 'user', id: users[admin] }, roleId: 'administrator' });
  }
  return {
    directory,
    bus,
    users,
    async as(name) {
      const identity = await directory.identityForUser(users[name]);
      assert.ok(identity, `${name} has an identity`);
      return identity;
    },
    async close() {
      await directory.close();
      await bus.close();
    },
  };
}

/** Asserts that the promise fails with this status and code, and returns the error for more checks. */
export async function refused(promise: Promise<unknown>, status: number, code: string): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.equal(error.status, status, `status of "${error.message}"`);
    assert.equal(error.code, code, `code of "${error.message}"`);
    return error;
  }
  assert.fail(`expected a refusal ${status} ${code}, but it succeeded`);
}

/** The answer to a refused call, as a client would see it, for comparing two refusals. */
export async function answerTo(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return { status: error.status, body: error.toBody() };
  }
  return assert.fail('expected a refusal, but it succeeded');
}

/**
 * Waits until `condition` holds, asking again every few milliseconds: another process hears of a
 * change through the bus, which delivers asynchronously. Fails naming `what` if it never does.
 */
export async function eventually(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
