import assert from 'node:assert/strict';
import type { Identity } from '@switchboard/sdk';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { answerTo, buildWorld, refused, type World } from './world.js';

forEachDatabase((kind, open) => {
  describe(`privilege escalation, refused (${kind})`, () => {
    let t: TestDatabase;
    let world: World;
    /** Lena of acme administers users and grants, but holds toll-free plans only for one number. */
    let lena: string;
    let planReader: string;
    const subject = (id: string) => ({ kind: 'user' as const, id });

    beforeEach(async () => {
      t = await open();
      world = await buildWorld(t);
      const alice = await world.as('alice');
      lena = (await world.directory.createUser(alice, { tenantId: 'acme', login: 'lena', name: 'Lena', email: 'lena@acme.example' })).id;
      await world.directory.setUserStatus(alice, lena, 'active');
      const userAdmin = await world.directory.createRole(alice, {
        tenantId: 'acme',
        name: 'User administrator',
        entitlements: ['host:users.*', 'host:grants.write', 'host:roles.*'],
      });
      planReader = (await world.directory.createRole(alice, { tenantId: 'acme', name: 'Plan reader', entitlements: ['toll-free:plans.read'] })).id;
      await world.directory.grant(alice, { subject: subject(lena), roleId: userAdmin.id });
      await world.directory.grant(alice, { subject: subject(lena), roleId: planReader, scope: ['8005550100'] });
    });
    afterEach(async () => {
      await world?.close();
      await t.cleanup();
    });

    const asLena = async (): Promise<Identity> => (await world.directory.identityForUser(lena))!;

    it('refuses giving more than one holds: an entitlement not held, or a wider scope', async () => {
      const bob = subject(world.users.bob);
      const admin = await refused(world.directory.grant(await asLena(), { subject: bob, roleId: 'administrator' }), 403, 'grant_exceeds_own');
      assert.match(admin.message, /you do not hold host:audit\.read, host:clients\.read, .* and \d+ more; you hold toll-free:plans\.read for fewer resources/);
      await refused(world.directory.grant(await asLena(), { subject: bob, roleId: planReader }), 403, 'grant_exceeds_own');
      await refused(world.directory.grant(await asLena(), { subject: bob, roleId: planReader, scope: ['8005550199'] }), 403, 'grant_exceeds_own');
      await refused(world.directory.grant(await asLena(), { subject: bob, roleId: planReader, scope: ['8005550100', '8005550199'] }), 403, 'grant_exceeds_own');
      assert.deepEqual((await world.as('bob')).grants, {}, 'nothing was given');

      const given = await world.directory.grant(await asLena(), { subject: bob, roleId: planReader, scope: ['8005550100'] });
      assert.deepEqual(given.scope, ['8005550100']);
      assert.deepEqual((await world.as('bob')).grants, { 'toll-free:plans.read': ['8005550100'] });
    });

    it('refuses a role that reaches beyond what the actor holds, now or by a later change', async () => {
      await refused(
        world.directory.createRole(await asLena(), { tenantId: 'acme', name: 'Planner', entitlements: ['toll-free:plans.*'] }),
        403,
        'grant_exceeds_own',
      );
      // Lena may define a role from what she holds...
      const reader = await world.directory.createRole(await world.as('alice'), { tenantId: 'acme', name: 'Directory reader', entitlements: ['host:users.read'] });
      await world.directory.grant(await world.as('alice'), { subject: subject(world.users.bob), roleId: reader.id });
      // ...but adding to a role bob holds for every resource what she holds for one number would hand on more than she has.
      await refused(world.directory.updateRole(await asLena(), reader.id, { entitlements: ['host:users.read', 'toll-free:plans.read'] }), 403, 'grant_exceeds_own');
      assert.deepEqual(Object.keys((await world.as('bob')).grants), ['host:users.read']);
      // A role nobody holds yet may take it: the scope is checked when it is granted.
      const spare = await world.directory.createRole(await asLena(), { tenantId: 'acme', name: 'Spare', entitlements: ['host:users.read'] });
      const widened = await world.directory.updateRole(await asLena(), spare.id, { entitlements: ['host:users.read', 'toll-free:plans.read'] });
      assert.deepEqual(widened.entitlements, ['host:users.read', 'toll-free:plans.read']);
      await refused(world.directory.updateRole(await world.as('alice'), 'administrator', { name: 'Boss' }), 403, 'built_in_role');
      await refused(world.directory.deleteRole(await world.as('alice'), reader.id), 409, 'role_in_use');
      await world.directory.deleteRole(await asLena(), spare.id);
    });

    it("refuses an unsubscribed service's entitlements, in a role or through a built-in one", async () => {
      const alice = await world.as('alice');
      const billing = await refused(world.directory.createRole(alice, { tenantId: 'acme', name: 'Payer', entitlements: ['billing:*'] }), 403, 'not_subscribed');
      assert.deepEqual(billing.fields?.map((f) => f.field), ['entitlements[0]']);
      await refused(world.directory.createRole(alice, { tenantId: 'acme', name: 'Ghost', entitlements: ['teleport:*'] }), 400, 'invalid_request');
      // globex has traffic only: the built-in billing role gives it nothing, so granting it is refused.
      await refused(world.directory.grant(await world.as('nina'), { subject: subject(world.users.gus), roleId: 'billing' }), 403, 'not_subscribed');
      // nina's reseller has billing, but that does not let her put it into a customer's role.
      await refused(world.directory.createRole(await world.as('nina'), { tenantId: 'acme', name: 'Payer', entitlements: ['billing:invoices.read'] }), 403, 'not_subscribed');
    });

    it('refuses anyone editing their own grants or status', async () => {
      const alice = await world.as('alice');
      await refused(world.directory.grant(alice, { subject: subject(world.users.alice), roleId: 'analyst' }), 403, 'own_grants');
      const [own] = await world.directory.listGrants(alice, { subject: subject(world.users.alice) });
      await refused(world.directory.revoke(alice, own!.id), 403, 'own_grants');
      await refused(world.directory.setUserStatus(alice, world.users.alice, 'disabled'), 403, 'own_status');
      const robot = await world.directory.createClient(alice, { tenantId: 'acme', name: 'robot', kind: 'automation' });
      await world.directory.grant(alice, { subject: { kind: 'client', id: robot.id }, roleId: 'administrator' });
      const asRobot = (await world.directory.identityForClient(robot.id))!;
      await refused(world.directory.grant(asRobot, { subject: { kind: 'client', id: robot.id }, roleId: 'analyst' }), 403, 'own_grants');
      await refused(world.directory.setClientStatus(asRobot, robot.id, 'disabled'), 403, 'own_status');
    });

    it("answers a reseller reaching another reseller's customer exactly as if nothing were there", async () => {
      const nina = await world.as('nina');
      const ian = world.users.ian;
      const [iansGrant] = await world.directory.listGrants(OPERATOR, { subject: subject(ian) });
      // Each call with another tenant's id, and the same call with an id that does not exist.
      const probes: [string, (id: string) => Promise<unknown>, string, string][] = [
        ['getUser', (id) => world.directory.getUser(nina, id), ian, 'user_nobody'],
        ['grant', (id) => world.directory.grant(nina, { subject: subject(id), roleId: 'analyst' }), ian, 'user_nobody'],
        ['revoke', (id) => world.directory.revoke(nina, id), iansGrant!.id, 'grant_nothing'],
        ['setUserStatus', (id) => world.directory.setUserStatus(nina, id, 'disabled'), ian, 'user_nobody'],
        ['explain', (id) => world.directory.explain(nina, subject(id)), ian, 'user_nobody'],
      ];
      for (const [what, call, theirs, nothing] of probes) {
        const answer = await answerTo(call(theirs));
        assert.deepEqual(answer, await answerTo(call(nothing)), what);
        assert.equal((answer as { status: number }).status, 404);
      }
      await refused(world.directory.createUser(nina, { tenantId: 'initech', login: 'mole', name: 'Mole', email: 'm@x.example' }), 404, 'not_found');
      await refused(world.directory.listUsers(nina, { tenantId: 'initech' }), 404, 'not_found');
      assert.ok(await world.directory.identityForUser(ian), 'and ian is untouched');
      // A customer is kept from its sibling the same way, and from its sibling's custom roles.
      await refused(world.directory.getUser(await world.as('alice'), world.users.gus), 404, 'not_found');
      const watcher = await world.directory.createRole(await world.as('gus'), { tenantId: 'globex', name: 'Watcher', entitlements: ['traffic:*'] });
      await refused(world.directory.grant(await world.as('alice'), { subject: subject(world.users.bob), roleId: watcher.id }), 404, 'not_found');
      // A reseller's own custom role is not for its customers' users either.
      const nwRole = await world.directory.createRole(nina, { tenantId: 'northwind', name: 'NW traffic', entitlements: ['traffic:*'] });
      await refused(world.directory.grant(nina, { subject: subject(world.users.bob), roleId: nwRole.id }), 404, 'not_found');
    });

    it('refuses enabling a user whose grants exceed what the actor holds', async () => {
      const alice = await world.as('alice');
      await world.directory.grant(alice, { subject: subject(world.users.bob), roleId: 'administrator' });
      await world.directory.setUserStatus(alice, world.users.bob, 'disabled');
      assert.equal(await world.directory.identityForUser(world.users.bob), null);
      await refused(world.directory.setUserStatus(await asLena(), world.users.bob, 'active'), 403, 'grant_exceeds_own');
      assert.equal(await world.directory.identityForUser(world.users.bob), null);
      await world.directory.setUserStatus(alice, world.users.bob, 'active');
      assert.ok(await world.directory.identityForUser(world.users.bob));
    });

    it("refuses taking over someone's account by changing their address, unless one holds what they hold", async () => {
      const alice = subject(world.users.alice);
      await refused(world.directory.updateUser(await asLena(), alice.id, { email: 'lena@evil.example' }), 403, 'grant_exceeds_own');
      assert.equal((await world.directory.getUser(OPERATOR, alice.id)).email, 'alice@example.com');
      assert.equal((await world.directory.updateUser(await asLena(), alice.id, { name: 'Alice A.' })).name, 'Alice A.', 'a name is harmless');
      assert.equal((await world.directory.updateUser(await asLena(), lena, { email: 'lena@home.example' })).email, 'lena@home.example');
      assert.equal((await world.directory.updateUser(await world.as('alice'), lena, { email: 'lena@acme.example' })).email, 'lena@acme.example');
      // The same question for the credentials side (resetting a password or second factor).
      await refused(world.directory.requireCovers(await asLena(), alice), 403, 'grant_exceeds_own');
      await world.directory.requireCovers(await world.as('alice'), subject(lena));
      await refused(world.directory.requireCovers(await world.as('nina'), subject(world.users.ian)), 404, 'not_found');
    });

    it('needs the directory entitlement for each kind of change, and says which', async () => {
      const bob = (await world.as('bob'))!;
      const refusal = await refused(world.directory.createUser(bob, { tenantId: 'acme', login: 'eve', name: 'Eve', email: 'eve@x.example' }), 403, 'forbidden');
      assert.equal(refusal.message, 'This needs the entitlement host:users.write.');
      await refused(world.directory.grant(bob, { subject: subject(lena), roleId: 'analyst' }), 403, 'forbidden');
      await refused(world.directory.createClient(bob, { tenantId: 'acme', name: 'x', kind: 'automation' }), 403, 'forbidden');
      await refused(world.directory.createTenant(bob, { id: 'x-co', parentId: 'acme', kind: 'customer', name: 'X' }), 403, 'forbidden');
      await refused(world.directory.listUsers(bob), 403, 'forbidden');
      assert.equal((await world.directory.getUser(bob, world.users.bob)).login, 'bob', 'everyone may read their own record');
    });

    it('refuses bad input with every field named, and taken logins', async () => {
      const alice = await world.as('alice');
      const bad = await refused(world.directory.createUser(alice, { tenantId: 'acme', login: 'x', name: ' ', email: 'not-an-address' }), 400, 'invalid_request');
      assert.deepEqual(bad.fields?.map((f) => f.field), ['login', 'name', 'email']);
      await refused(world.directory.createUser(alice, { tenantId: 'acme', login: 'BOB', name: 'Bob Two', email: 'b2@acme.example' }), 409, 'login_taken');
      const scoped = await refused(world.directory.grant(alice, { subject: subject(world.users.bob), roleId: 'analyst', scope: [] }), 400, 'invalid_request');
      assert.deepEqual(scoped.fields?.map((f) => f.field), ['scope']);
      const created = await world.directory.createUser(alice, { tenantId: 'acme', login: '  Bob.Smith@Acme.example ', name: 'Bob Smith', email: 'bob.smith@acme.example' });
      assert.deepEqual({ login: created.login, status: created.status }, { login: 'bob.smith@acme.example', status: 'invited' });
      assert.equal((await world.directory.userByLogin('BOB.SMITH@acme.example'))?.id, created.id);
    });

    it('gives plugins a view that never accepts the operator', async () => {
      const view = world.directory.forPlugins();
      await refused(view.createUser(OPERATOR as never, { tenantId: 'acme', login: 'sneak', name: 'Sneak', email: 's@x.example' }), 401, 'unauthenticated');
      assert.equal((await view.listUsers(await world.as('alice'))).length, 3);
      assert.equal((view as unknown as Record<string, unknown>).ensureCarrier, undefined);
    });

    it("gives plugins a network client's identity (for work on equipment's behalf), never an automation client's", async () => {
      const view = world.directory.forPlugins();
      const alice = await world.as('alice');
      const edge = await world.directory.createClient(alice, { tenantId: 'acme', name: 'edge', kind: 'network' });
      const bot = await world.directory.createClient(alice, { tenantId: 'acme', name: 'bot', kind: 'automation' });
      for (const client of [edge, bot]) await world.directory.grant(alice, { subject: { kind: 'client', id: client.id }, roleId: planReader });
      const identity = await view.identityForClient(edge.id);
      assert.deepEqual({ subject: identity?.subject, tenantId: identity?.tenantId, grants: Object.keys(identity?.grants ?? {}) }, { subject: edge.id, tenantId: 'acme', grants: ['toll-free:plans.read'] });
      assert.equal(await view.identityForClient(bot.id), null);
      assert.equal(await view.identityForClient('client_nobody'), null);
      await world.directory.setClientStatus(alice, edge.id, 'disabled');
      assert.equal(await view.identityForClient(edge.id), null);
    });
  });
});
