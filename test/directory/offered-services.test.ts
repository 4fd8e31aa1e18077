import assert from 'node:assert/strict';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { answerTo, buildWorld, catalog, refused, type World } from './world.js';

/**
 * What the tenant above offers: a customer of a reseller may read which services its reseller has
 * (what it could order), and nothing else of the reseller; a sibling's answer is a missing one.
 */
forEachDatabase((kind, open) => {
  describe(`the services the tenant above offers (${kind})`, () => {
    let t: TestDatabase;
    let world: World;
    beforeEach(async () => {
      t = await open();
      world = await buildWorld(t);
    });
    afterEach(async () => {
      await world?.close();
      await t.cleanup();
    });

    it("lets a reseller's customer read its reseller's services, but no other fact of the reseller", async () => {
      const alice = await world.as('alice');
      assert.deepEqual(await world.directory.getOfferedServices(alice, 'acme'), ['billing', 'host', 'reports', 'toll-free', 'traffic']);
      // The reseller itself stays out of view.
      const missing = await answerTo(world.directory.getTenant(alice, 'no-such-tenant'));
      assert.deepEqual(await answerTo(world.directory.getTenant(alice, 'northwind')), missing);
      assert.deepEqual(await answerTo(world.directory.getSubscriptions(alice, 'northwind')), missing);
      assert.deepEqual(await answerTo(world.directory.getOfferedServices(alice, 'northwind')), missing, "not what the carrier offers the reseller either");
    });

    it('answers for the own tenant without any host entitlement, and needs tenants.read for another', async () => {
      const bob = await world.as('bob'); // acme, no grants at all
      assert.deepEqual(await world.directory.getOfferedServices(bob, 'acme'), ['billing', 'host', 'reports', 'toll-free', 'traffic']);
      const nina = await world.as('nina');
      assert.deepEqual(await world.directory.getOfferedServices(nina, 'globex'), ['billing', 'host', 'reports', 'toll-free', 'traffic']);
      await world.directory.revoke(OPERATOR, (await world.directory.listGrants(OPERATOR, { subject: { kind: 'user', id: world.users.nina } }))[0]!.id);
      await refused(world.directory.getOfferedServices(await world.as('nina'), 'globex'), 403, 'forbidden');
    });

    it("answers a sibling's or another reseller's customer exactly like a tenant that does not exist", async () => {
      const alice = await world.as('alice');
      const missing = await answerTo(world.directory.getOfferedServices(alice, 'no-such-tenant'));
      assert.equal((missing as { status: number }).status, 404);
      assert.deepEqual(await answerTo(world.directory.getOfferedServices(alice, 'globex')), missing);
      assert.deepEqual(await answerTo(world.directory.getOfferedServices(await world.as('nina'), 'initech')), missing);
    });

    it('follows the reseller\'s subscriptions as they change, and offers everything installed under the carrier', async () => {
      await world.directory.setSubscriptions(await world.as('cara'), 'northwind', ['traffic', 'toll-free', 'reports']);
      assert.deepEqual(await world.directory.getOfferedServices(await world.as('alice'), 'acme'), ['host', 'reports', 'toll-free', 'traffic']);
      const everything = [...catalog.keys(), 'host'].sort();
      assert.deepEqual(await world.directory.getOfferedServices(await world.as('nina'), 'northwind'), everything, 'the carrier has every installed service');
      assert.deepEqual(await world.directory.getOfferedServices(await world.as('cara'), 'carrier'), everything, 'nothing is above the carrier');
    });

    it('reaches plugins through their view of the directory, with a caller only', async () => {
      const view = world.directory.forPlugins();
      assert.deepEqual(await view.getOfferedServices(await world.as('ian'), 'initech'), ['host', 'traffic']);
      await refused(view.getOfferedServices(OPERATOR as never, 'initech'), 401, 'unauthenticated');
    });
  });
});
