import assert from 'node:assert/strict';
import { HOST_ENTITLEMENTS } from '@switchboard/sdk';
import { OPERATOR, patternMatches, patternProblem } from '@switchboard/host/dist/directory/index.js';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { buildWorld, type World } from './world.js';

const host = (names: string[]) => names.map((name) => `host:${name}`);
const allHost = host(Object.keys(HOST_ENTITLEMENTS));

describe('entitlement patterns', () => {
  it('match per side of the colon, * standing for any run of characters', () => {
    assert.ok(patternMatches('*:*', 'toll-free', 'plans.write'));
    assert.ok(patternMatches('toll-free:*', 'toll-free', 'plans.write'));
    assert.ok(!patternMatches('toll-free:*', 'traffic', 'calls.read'));
    assert.ok(patternMatches('*:*.read', 'traffic', 'live.calls.read'));
    assert.ok(!patternMatches('*:*.read', 'traffic', 'calls.reader'));
    assert.ok(patternMatches('toll-free:plans.*', 'toll-free', 'plans.activate'));
    assert.ok(!patternMatches('toll-free:plans.*', 'toll-free', 'numbers.read'));
    assert.ok(patternMatches('reports:schedules.write', 'reports', 'schedules.write'));
    assert.ok(!patternMatches('reports:schedules.write', 'reports', 'schedulesXwrite'), 'a dot is a dot, not any character');
  });

  it('say what is wrong with a malformed one', () => {
    for (const good of ['*:*', 'toll-free:plans.read', '*:*.read', 'host:users.*']) assert.equal(patternProblem(good), null, good);
    for (const bad of ['', '*', '*.read', 'a:b:c', 'Toll:plans', 'toll-free:plans..read', 'toll-free:plans.', 42, 'x'.repeat(200) + ':*']) {
      assert.equal(typeof patternProblem(bad), 'string', String(bad));
    }
  });
});

forEachDatabase((kind, open) => {
  describe(`effective entitlements (${kind})`, () => {
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

    const grantTo = async (user: keyof World['users'], roleId: string, scope?: '*' | string[]) =>
      world.directory.grant(await world.as('alice'), { subject: { kind: 'user', id: world.users[user] }, roleId, ...(scope ? { scope } : {}) });
    const entitlementsOf = async (user: keyof World['users']) => Object.keys((await world.as(user)).grants).sort();

    it('gives the built-in administrator everything the tenant subscribes to, and the directory', async () => {
      assert.deepEqual(await entitlementsOf('alice'), [
        ...allHost,
        'reports:reports.read', 'reports:schedules.write',
        'toll-free:plans.activate', 'toll-free:plans.read', 'toll-free:plans.write',
        'traffic:calls.read', 'traffic:monitor.read',
      ].sort());
      assert.ok(Object.values((await world.as('alice')).grants).every((scope) => scope === '*'));
      // globex subscribes to traffic only: the same role gives its administrator much less.
      assert.deepEqual(await entitlementsOf('gus'), [...allHost, 'traffic:calls.read', 'traffic:monitor.read'].sort());
      // The carrier has every installed service.
      assert.ok((await world.as('cara')).grants['billing:payments.write']);
      assert.ok((await world.as('cara')).grants['broadband:circuits.read']);
    });

    it('expands the analyst, network manager and billing roles against what is installed and subscribed', async () => {
      await grantTo('bob', 'analyst');
      assert.deepEqual(await entitlementsOf('bob'), [
        ...host(['audit.read', 'clients.read', 'roles.read', 'tenants.read', 'users.read']),
        'reports:reports.read', 'reports:schedules.write', 'toll-free:plans.read', 'traffic:calls.read', 'traffic:monitor.read',
      ].sort());

      const robot = await world.directory.createClient(await world.as('alice'), { tenantId: 'acme', name: 'NOC automation', kind: 'automation' });
      await world.directory.grant(await world.as('alice'), { subject: { kind: 'client', id: robot.id }, roleId: 'network-manager' });
      const client = await world.directory.identityForClient(robot.id);
      assert.equal(client?.kind, 'client');
      assert.equal(client?.tenantId, 'acme');
      assert.deepEqual(Object.keys(client!.grants).sort(), [
        'toll-free:plans.activate', 'toll-free:plans.read', 'toll-free:plans.write', 'traffic:calls.read', 'traffic:monitor.read',
      ]);

      // acme does not subscribe to billing: of the billing role only reading reports is left, and explain says why.
      await grantTo('bob', 'billing');
      const why = await world.directory.explain(await world.as('alice'), { kind: 'user', id: world.users.bob });
      assert.deepEqual(why.ineffective.map((p) => [p.roleId, p.pattern, p.reason]), [['billing', 'billing:*', 'not_subscribed']]);
      assert.ok(!(await entitlementsOf('bob')).some((e) => e.startsWith('billing:')));
    });

    it('merges the scopes of several grants: resource lists unite and "*" wins', async () => {
      const alice = await world.as('alice');
      const editor = await world.directory.createRole(alice, { tenantId: 'acme', name: 'Plan editor', entitlements: ['toll-free:plans.read', 'toll-free:plans.write'] });
      const reader = await world.directory.createRole(alice, { tenantId: 'acme', name: 'Plan reader', entitlements: ['toll-free:plans.read'] });
      await grantTo('bob', editor.id, ['8005550100']);
      await grantTo('bob', reader.id, ['8005550101', '8005550100']);
      let bob = await world.as('bob');
      assert.deepEqual(bob.grants, { 'toll-free:plans.read': ['8005550100', '8005550101'], 'toll-free:plans.write': ['8005550100'] });

      await grantTo('bob', 'analyst');
      bob = await world.as('bob');
      assert.equal(bob.grants['toll-free:plans.read'], '*');
      assert.deepEqual(bob.grants['toll-free:plans.write'], ['8005550100']);

      const why = await world.directory.explain(alice, { kind: 'user', id: world.users.bob });
      const read = why.entitlements.find((e) => e.entitlement === 'toll-free:plans.read')!;
      assert.equal(read.scope, '*');
      assert.deepEqual(read.sources.map((s) => [s.roleName, s.pattern, s.scope]), [
        ['Plan editor', 'toll-free:plans.read', ['8005550100']],
        ['Plan reader', 'toll-free:plans.read', ['8005550100', '8005550101']],
        ['Analyst', '*:*.read', '*'],
      ]);
      assert.equal(why.active, true);
      assert.deepEqual(why.subscriptions, ['host', 'reports', 'toll-free', 'traffic']);
    });

    it('takes away what a lost subscription gave, on the next identity', async () => {
      await grantTo('bob', 'network-manager');
      assert.ok((await world.as('bob')).grants['toll-free:plans.write']);
      await world.directory.setSubscriptions(await world.as('nina'), 'acme', ['traffic', 'reports']);
      const bob = await world.as('bob');
      assert.deepEqual(Object.keys(bob.grants).sort(), ['traffic:calls.read', 'traffic:monitor.read']);
      const why = await world.directory.explain(await world.as('nina'), { kind: 'user', id: world.users.bob });
      assert.ok(why.ineffective.some((p) => p.pattern === 'toll-free:*' && p.reason === 'not_subscribed'));
      assert.ok(why.ineffective.some((p) => p.pattern === 'broadband:*' && p.reason === 'not_subscribed'));
      assert.ok(why.ineffective.some((p) => p.pattern === 'events:*' && p.reason === 'no_match'), 'events is not installed at all');
    });

    it('lists users, roles and grants of a tenant subtree', async () => {
      const nina = await world.as('nina');
      const alice = await world.as('alice');
      const logins = async (actor: typeof nina, options?: { tenantId?: string; descendants?: boolean }) =>
        (await world.directory.listUsers(actor, options)).map((u) => u.login);
      assert.deepEqual(await logins(nina), ['alice', 'bob', 'gus', 'nina']);
      assert.deepEqual(await logins(nina, { tenantId: 'acme' }), ['alice', 'bob']);
      assert.deepEqual(await logins(nina, { descendants: false }), ['nina']);
      assert.deepEqual(await logins(alice), ['alice', 'bob']);
      assert.equal((await world.directory.listUsers(OPERATOR)).length, 7);

      await world.directory.createRole(await world.as('gus'), { tenantId: 'globex', name: 'Watcher', entitlements: ['traffic:*.read'] });
      await world.directory.createRole(alice, { tenantId: 'acme', name: 'Planner', entitlements: ['toll-free:plans.*'] });
      const roleNames = async (actor: typeof nina) => (await world.directory.listRoles(actor)).map((r) => r.name);
      assert.deepEqual(await roleNames(alice), ['Administrator', 'Analyst', 'Billing', 'Network element', 'Network manager', 'Planner']);
      assert.deepEqual(await roleNames(nina), ['Administrator', 'Analyst', 'Billing', 'Network element', 'Network manager', 'Planner', 'Watcher']);
      const builtIn = (await world.directory.listRoles(alice)).find((r) => r.id === 'administrator')!;
      assert.deepEqual({ builtIn: builtIn.builtIn, tenantId: builtIn.tenantId, entitlements: builtIn.entitlements }, { builtIn: true, tenantId: null, entitlements: ['*:*'] });

      const grantees = async (actor: typeof nina) => (await world.directory.listGrants(actor)).map((g) => g.subject.id).sort();
      assert.deepEqual(await grantees(alice), [world.users.alice]);
      assert.deepEqual(await grantees(nina), [world.users.alice, world.users.gus, world.users.nina].sort());
      const own = await world.directory.listGrants(await world.as('bob'), { subject: { kind: 'user', id: world.users.bob } });
      assert.deepEqual(own, [], 'anyone may list their own grants');
    });

    it('records every change in the audit trail', async () => {
      const alice = await world.as('alice');
      const given = await grantTo('bob', 'analyst');
      await world.directory.revoke(alice, given.id);
      const rows: { action: string; actor_subject: string; tenant_id: string; resource: string }[] = await t.db
        .knex('host_audit')
        .where('action', 'like', 'directory.grant.%')
        .andWhere('actor_subject', world.users.alice)
        .orderBy('seq');
      assert.deepEqual(rows.map((r) => [r.action, r.tenant_id, r.resource]), [
        ['directory.grant.create', 'acme', given.id],
        ['directory.grant.revoke', 'acme', given.id],
      ]);
      const seeded: { action: string }[] = await t.db.knex('host_audit').where({ actor_subject: 'operator' }).select('action');
      assert.ok(seeded.some((r) => r.action === 'directory.tenant.create'));
      assert.ok(seeded.some((r) => r.action === 'directory.user.create'));
    });
  });
});
