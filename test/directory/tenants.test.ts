import assert from 'node:assert/strict';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { answerTo, buildWorld, refused, type World } from './world.js';

forEachDatabase((kind, open) => {
  describe(`the tenant tree (${kind})`, () => {
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

    it('gives each identity its tenant and everything below it', async () => {
      assert.deepEqual([...(await world.as('cara')).tenants].sort(), ['acme', 'carrier', 'globex', 'initech', 'northwind', 'southwind']);
      assert.deepEqual([...(await world.as('nina')).tenants].sort(), ['acme', 'globex', 'northwind']);
      assert.deepEqual((await world.as('alice')).tenants, ['acme'], "a customer's identity sees just itself");
      const alice = await world.as('alice');
      assert.equal(alice.kind, 'user');
      assert.equal(alice.tenantId, 'acme');
      assert.equal(alice.name, 'Alice');
    });

    it('lets a reseller see its customers, and a customer neither its sibling nor its reseller', async () => {
      const nina = await world.as('nina');
      assert.deepEqual((await world.directory.listTenants(nina)).map((x) => x.id), ['northwind', 'acme', 'globex']);
      assert.equal((await world.directory.getTenant(nina, 'acme')).parentId, 'northwind');

      const alice = await world.as('alice');
      assert.deepEqual((await world.directory.listTenants(alice)).map((x) => x.id), ['acme']);
      const sibling = await answerTo(world.directory.getTenant(alice, 'globex'));
      const parent = await answerTo(world.directory.getTenant(alice, 'northwind'));
      const nothing = await answerTo(world.directory.getTenant(alice, 'no-such-tenant'));
      assert.deepEqual(sibling, nothing, "a sibling's id is answered exactly like one that does not exist");
      assert.deepEqual(parent, nothing);
      assert.equal((nothing as { status: number }).status, 404);
    });

    it('keeps a reseller out of another reseller\'s customers', async () => {
      const nina = await world.as('nina');
      assert.deepEqual(await answerTo(world.directory.getTenant(nina, 'initech')), await answerTo(world.directory.getTenant(nina, 'nowhere')));
      await refused(world.directory.createTenant(nina, { id: 'hooli', parentId: 'southwind', kind: 'customer', name: 'Hooli' }), 404, 'not_found');
      await refused(world.directory.setSubscriptions(nina, 'initech', []), 404, 'not_found');
    });

    it('holds the tree to its shape: resellers under the carrier, customers under a reseller or the carrier', async () => {
      const cara = await world.as('cara');
      const nina = await world.as('nina');
      const alice = await world.as('alice');
      await refused(world.directory.createTenant(nina, { id: 'subwind', parentId: 'northwind', kind: 'reseller', name: 'Sub' }), 422, 'invalid_parent');
      await refused(world.directory.createTenant(alice, { id: 'acme-east', parentId: 'acme', kind: 'customer', name: 'Acme East' }), 422, 'invalid_parent');
      const bad = await refused(world.directory.createTenant(cara, { id: 'Bad Id', parentId: 'carrier', kind: 'carrier' as never, name: '' }), 400, 'invalid_request');
      assert.deepEqual(bad.fields?.map((f) => f.field).sort(), ['id', 'kind', 'name']);
      await refused(world.directory.createTenant(cara, { id: 'acme', parentId: 'carrier', kind: 'customer', name: 'Again' }), 409, 'tenant_exists');

      const direct = await world.directory.createTenant(cara, { id: 'direct', parentId: 'carrier', kind: 'customer', name: 'Direct Co' });
      assert.equal(direct.path, '/carrier/direct/');
      const east = await world.directory.createTenant(nina, { id: 'acme-east', parentId: 'northwind', kind: 'customer', name: 'Acme East', mfaRequired: true });
      assert.deepEqual({ path: east.path, kind: east.kind, mfa: east.mfaRequired, status: east.status }, {
        path: '/carrier/northwind/acme-east/', kind: 'customer', mfa: true, status: 'active',
      });
    });

    it('has exactly one carrier, and seeding it again is harmless', async () => {
      assert.equal((await world.directory.ensureCarrier('carrier', 'Carrier Telecom')).id, 'carrier');
      await refused(world.directory.ensureCarrier('other', 'Other Telecom'), 409, 'carrier_exists');
      // Even past the directory's own check, the database lets only one root in.
      await assert.rejects(
        t.db.knex('host_tenants').insert({ id: 'rogue', parent_id: null, kind: 'carrier', is_root: true, name: 'Rogue', path: '/rogue/', status: 'active', mfa_required: false, created_at: 'x', updated_at: 'x' }),
      );
    });

    it('shows a new tenant to everyone above it on their next identity', async () => {
      await world.as('nina'); // now cached
      await world.directory.createTenant(await world.as('nina'), { id: 'hooli', parentId: 'northwind', kind: 'customer', name: 'Hooli' });
      assert.ok((await world.as('nina')).tenants.includes('hooli'));
      assert.ok((await world.as('cara')).tenants.includes('hooli'));
      assert.ok(!(await world.as('sam')).tenants.includes('hooli'));
    });

    it('passes on only the services the parent has, and takes them from the whole subtree when the parent loses one', async () => {
      const cara = await world.as('cara');
      const nina = await world.as('nina');
      const denied = await refused(world.directory.setSubscriptions(nina, 'globex', ['traffic', 'broadband']), 403, 'not_subscribed');
      assert.match(denied.message, /broadband/);
      await refused(world.directory.setSubscriptions(nina, 'globex', ['teleport']), 400, 'invalid_request');
      await refused(world.directory.setSubscriptions(cara, 'carrier', []), 403, 'own_tenant');
      await refused(world.directory.setSubscriptions(OPERATOR, 'carrier', ['traffic']), 422, 'carrier_subscriptions');

      assert.deepEqual(await world.directory.setSubscriptions(nina, 'globex', ['traffic', 'billing']), ['billing', 'host', 'traffic']);
      // The carrier takes toll-free away from northwind: acme, below it, loses it as well.
      await world.directory.setSubscriptions(cara, 'northwind', ['traffic', 'reports', 'billing']);
      assert.deepEqual(await world.directory.getSubscriptions(nina, 'acme'), ['host', 'reports', 'traffic']);
      assert.ok(!Object.keys((await world.as('alice')).grants).some((e) => e.startsWith('toll-free:')));
      assert.deepEqual(await world.directory.getSubscriptions(cara, 'carrier'), ['billing', 'broadband', 'host', 'reports', 'toll-free', 'traffic']);
    });

    it('refuses a tenant changing its own services or status', async () => {
      const alice = await world.as('alice');
      await refused(world.directory.setSubscriptions(alice, 'acme', ['traffic', 'toll-free', 'reports', 'billing']), 403, 'own_tenant');
      await refused(world.directory.updateTenant(alice, 'acme', { status: 'disabled' }), 403, 'own_tenant');
      await refused(world.directory.updateTenant(alice, 'acme', { theme: 'southwind' }), 403, 'own_tenant');
      assert.equal((await world.directory.updateTenant(await world.as('nina'), 'acme', { theme: 'northwind' })).theme, 'northwind');
      // What a tenant may set for itself: its name and whether every user needs a second factor.
      const acme = await world.directory.updateTenant(alice, 'acme', { name: 'Acme Corp', mfaRequired: true });
      assert.deepEqual({ name: acme.name, mfa: acme.mfaRequired }, { name: 'Acme Corp', mfa: true });
    });

    it('silences every user at and below a disabled tenant until it is enabled again', async () => {
      const cara = await world.as('cara');
      await world.as('alice');
      await world.directory.updateTenant(cara, 'northwind', { status: 'disabled' });
      assert.equal(await world.directory.identityForUser(world.users.nina), null);
      assert.equal(await world.directory.identityForUser(world.users.alice), null, 'a customer of a disabled reseller cannot act either');
      assert.ok(await world.directory.identityForUser(world.users.ian));
      await world.directory.updateTenant(cara, 'northwind', { status: 'active' });
      assert.ok(await world.directory.identityForUser(world.users.alice));
    });

    it('needs the tenant entitlements', async () => {
      const bob = await world.as('bob');
      await refused(world.directory.listTenants(bob), 403, 'forbidden');
      assert.equal((await world.directory.getTenant(bob, 'acme')).id, 'acme', 'everyone may read their own tenant');
    });
  });
});
