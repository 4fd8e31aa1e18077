import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { EventBus, Identity } from '@switchboard/sdk';
import { IdentityCache, type LoadedIdentity } from '@switchboard/host/dist/directory/identity-cache.js';
import type { Directory } from '@switchboard/host/dist/directory/index.js';
import { connectNatsBus, createInProcessBus } from '@switchboard/host/dist/events/index.js';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { describeWithService, natsServers } from '../support/services.js';
import { buildWorld, eventually, openDirectory, type World } from './world.js';

const quiet = { warn: () => undefined, error: () => undefined };

describe('the identity cache', () => {
  const user = (id: string, tenantId = 'acme'): Identity => ({ kind: 'user', subject: id, tenantId, tenants: [tenantId], grants: {} });
  const keyOf = (kind: string, id: string) => `${kind}:${id}`;
  let now = 0;
  const cache = (maxEntries = 100, ttlMs = 60_000) => new IdentityCache({ maxEntries, ttlMs, now: () => now });

  it('never keeps what a load read while a change was being made', async () => {
    const identities = cache();
    let finishOldRead!: (loaded: LoadedIdentity) => void;
    const during = identities.get('user:bob', () => new Promise((resolve) => (finishOldRead = resolve)));
    identities.invalidate({ users: ['bob'] }, keyOf); // the change commits while the read is under way
    finishOldRead({ identity: user('bob'), tenantId: 'acme' });
    assert.equal((await during)?.subject, 'bob', 'the caller who asked before the change gets the old answer');
    let reads = 0;
    await identities.get('user:bob', async () => (reads++, { identity: null, tenantId: 'acme' }));
    assert.equal(reads, 1, 'the next caller reads afresh');
  });

  it('shares one load between concurrent callers, and drops by user, client, tenant or everything', async () => {
    const identities = cache();
    let reads = 0;
    const load = (id: string, tenantId: string) => async () => (reads++, { identity: user(id, tenantId), tenantId });
    await Promise.all([identities.get('user:a', load('a', 'acme')), identities.get('user:a', load('a', 'acme'))]);
    assert.equal(reads, 1);
    await identities.get('user:b', load('b', 'globex'));
    await identities.get('client:c', load('c', 'acme'));
    identities.invalidate({ tenants: ['acme'] }, keyOf);
    assert.equal(identities.size, 1, 'only globex is left');
    identities.invalidate({ users: ['b'] }, keyOf);
    assert.equal(identities.size, 0);
    await identities.get('client:c', load('c', 'acme'));
    identities.invalidate({ all: true }, keyOf);
    assert.equal(identities.size, 0);
  });

  it('forgets the least recently used beyond its size, and anything older than its age limit', async () => {
    const identities = cache(2, 1_000);
    let reads = 0;
    const load = (id: string) => async () => (reads++, { identity: user(id), tenantId: 'acme' });
    await identities.get('user:a', load('a'));
    await identities.get('user:b', load('b'));
    await identities.get('user:a', load('a')); // a is now the most recently used
    await identities.get('user:c', load('c')); // b goes
    assert.equal(reads, 3);
    await identities.get('user:a', load('a'));
    assert.equal(reads, 3);
    await identities.get('user:b', load('b'));
    assert.equal(reads, 4);
    now += 1_000;
    await identities.get('user:b', load('b'));
    assert.equal(reads, 5, 'too old: read again');
  });
});

forEachDatabase((kind, open) => {
  describe(`identity cache and its invalidation (${kind})`, () => {
    let t: TestDatabase;
    let world: World;
    const closers: (() => Promise<void>)[] = [];
    beforeEach(async () => {
      t = await open();
      world = await buildWorld(t);
    });
    afterEach(async () => {
      for (const close of closers.splice(0).reverse()) await close();
      await world?.close();
      await t.cleanup();
    });

    /** How many queries the database ran during `action`. */
    async function queriesDuring(action: () => Promise<unknown>): Promise<number> {
      let count = 0;
      const onQuery = () => count++;
      t.db.knex.on('query', onQuery);
      try {
        await action();
      } finally {
        t.db.knex.off('query', onQuery);
      }
      return count;
    }

    const bob = () => world.users.bob;
    const giveBobAnalyst = async (directory: Directory = world.directory) =>
      directory.grant(await world.as('alice'), { subject: { kind: 'user', id: bob() }, roleId: 'analyst' });

    it('answers a known subject from memory, without a query', async () => {
      await world.directory.identityForUser(bob());
      assert.equal(await queriesDuring(() => world.directory.identityForUser(bob())), 0);
      assert.equal(await queriesDuring(() => world.directory.identityForUser('user_nobody')), 1, 'a miss reads once');
      assert.equal(await queriesDuring(() => world.directory.identityForUser('user_nobody')), 0, 'and is remembered');
    });

    it('reflects a revoked grant on the very next identity', async () => {
      const given = await giveBobAnalyst();
      assert.ok((await world.as('bob')).grants['traffic:calls.read']);
      assert.equal(await queriesDuring(() => world.directory.identityForUser(bob())), 0, 'cached');
      await world.directory.revoke(await world.as('alice'), given.id);
      assert.deepEqual((await world.as('bob')).grants, {});
    });

    it('reflects a disabled user on the very next identity, and their return', async () => {
      await giveBobAnalyst();
      await world.as('bob');
      await world.directory.setUserStatus(await world.as('alice'), bob(), 'disabled');
      assert.equal(await world.directory.identityForUser(bob()), null);
      await world.directory.setUserStatus(await world.as('alice'), bob(), 'active');
      assert.ok((await world.as('bob')).grants['traffic:calls.read']);
    });

    it('reflects a changed role in everyone holding it', async () => {
      const alice = await world.as('alice');
      const role = await world.directory.createRole(alice, { tenantId: 'acme', name: 'Watcher', entitlements: ['traffic:calls.read'] });
      await world.directory.grant(alice, { subject: { kind: 'user', id: bob() }, roleId: role.id });
      assert.deepEqual(Object.keys((await world.as('bob')).grants), ['traffic:calls.read']);
      await world.directory.updateRole(alice, role.id, { entitlements: ['traffic:*'] });
      assert.deepEqual(Object.keys((await world.as('bob')).grants).sort(), ['traffic:calls.read', 'traffic:monitor.read']);
    });

    it('keeps identities immutable, since every request of a subject shares one', async () => {
      const alice = await world.as('alice');
      assert.throws(() => {
        (alice.grants as Record<string, unknown>)['billing:payments.write'] = '*';
      }, TypeError);
      assert.throws(() => (alice.tenants as string[]).push('globex'), TypeError);
    });

    it('tells another Directory on the same bus, which drops its copy; one on another bus keeps it', async () => {
      const other = openDirectory(t.db, world.bus);
      closers.push(() => other.close());
      const otherBus = createInProcessBus({ logger: quiet });
      const deaf = openDirectory(t.db, otherBus);
      closers.push(async () => {
        await deaf.close();
        await otherBus.close();
      });
      await Promise.all([other.ready, deaf.ready]);

      const given = await giveBobAnalyst();
      for (const directory of [other, deaf]) {
        assert.ok((await directory.identityForUser(bob()))?.grants['traffic:calls.read']);
        assert.equal(await queriesDuring(() => directory.identityForUser(bob())), 0, 'cached');
      }
      await world.directory.revoke(await world.as('alice'), given.id);

      await eventually('the other Directory to drop the revoked grant', async () => Object.keys((await other.identityForUser(bob()))!.grants).length === 0);
      // The one that did not hear of it still answers from memory: the bus, not luck, made the difference.
      assert.ok((await deaf.identityForUser(bob()))?.grants['traffic:calls.read']);

      // And the other way round, for a tenant-wide change: a subscription taken away through the other instance.
      assert.ok((await world.as('alice')).grants['toll-free:plans.write']);
      await other.setSubscriptions(await world.as('nina'), 'acme', ['traffic', 'reports']);
      await eventually('the first Directory to drop acme', async () => !(await world.as('alice')).grants['toll-free:plans.write']);
    });

    describeWithService('nats', 'over NATS JetStream, between two connections as between two host processes', () => {
      let admin: NatsConnection;
      let jsm: JetStreamManager;
      let stream: string;
      before(async () => {
        admin = await connect({ servers: natsServers });
        jsm = await jetstreamManager(admin);
      });
      after(async () => {
        await admin?.close();
      });
      afterEach(async () => {
        await jsm?.streams.delete(stream).catch(() => undefined);
      });

      it('drops the revoked grant in the other process', async () => {
        const tag = randomBytes(5).toString('hex');
        stream = `SWITCHBOARD_TEST_${tag}`;
        const connectBus = () => connectNatsBus({ servers: natsServers, stream, subjectPrefix: `sbtest.${tag}`, duplicateWindowMs: 60_000, logger: quiet });
        const buses: EventBus[] = [await connectBus(), await connectBus()];
        const [first, second] = buses.map((bus) => openDirectory(t.db, bus));
        closers.push(async () => {
          await Promise.all([first!.close(), second!.close()]);
          await Promise.all(buses.map((bus) => bus.close()));
        });
        await Promise.all([first!.ready, second!.ready]);

        const given = await giveBobAnalyst(first);
        assert.ok((await second!.identityForUser(bob()))?.grants['traffic:calls.read']);
        await first!.revoke(await world.as('alice'), given.id);
        assert.deepEqual((await first!.identityForUser(bob()))?.grants, {}, 'at once where it was made');
        await eventually('the second process to drop the revoked grant', async () => Object.keys((await second!.identityForUser(bob()))!.grants).length === 0);
      });
    });
  });
});
