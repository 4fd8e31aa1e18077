import assert from 'node:assert/strict';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { forEachDatabase } from '../support/databases.js';
import type { TestHost } from '../support/host.js';
import { seedTenant, seedUser, type SeededUser } from '../support/identity.js';
import { errorOf, signedIn, startHostOn, type ApiSession } from './api-session.js';

forEachDatabase((kind, open) => {
  describe(`the directory API refuses escalation (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let ann: SeededUser;
    let admin: ApiSession;

    before(async () => {
      ({ host, cleanup } = await startHostOn(open));
      await seedTenant(host, 'acme');
      ann = await seedUser(host, 'acme', 'ann@acme.test');
      admin = await signedIn(host, ann);
    });
    after(async () => {
      await cleanup?.();
    });

    const grantsOf = async (userId: string) =>
      (await host.identity.directory.listGrants(OPERATOR, { subject: { kind: 'user', id: userId } })).map((g) => [g.roleId, g.scope]);

    it('refuses a network manager granting the administrator role they do not hold (403 grant_exceeds_own), and changes nothing', async () => {
      // A tenant's own network-manager role: runs the services and hands them on, no more.
      const role = await host.identity.directory.createRole(OPERATOR, {
        tenantId: 'acme',
        name: 'Network managers',
        entitlements: ['notes:*', 'host:users.read', 'host:grants.write'],
      });
      const nick = await signedIn(host, await seedUser(host, 'acme', 'nick@acme.test', role.id));
      const rea = await seedUser(host, 'acme', 'rea@acme.test', 'analyst', ['n-1']);

      const refused = await nick.post('/grants', { subject: { kind: 'user', id: rea.id }, roleId: 'administrator' });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'grant_exceeds_own');
      assert.match(refused.body.error.message, /^You can only give what you hold yourself: you do not hold host:audit\.read, host:clients\.read, /);
      const wider = await nick.post('/grants', { subject: { kind: 'user', id: rea.id }, roleId: 'analyst', scope: '*' });
      assert.equal(wider.status, 403, 'nick does not hold host:tenants.read, which the analyst role gives');
      assert.equal(wider.body.error.code, 'grant_exceeds_own');
      assert.deepEqual(await grantsOf(rea.id), [['analyst', ['n-1']]], 'nothing changed');

      const addUser = await nick.post('/users', { tenantId: 'acme', login: 'new@acme.test', name: 'New', email: 'new@acme.test' });
      assert.equal(addUser.status, 403, 'no host:users.write, so the route itself is closed to nick');
      assert.equal(addUser.body.error.message, 'This needs the entitlement host:users.write.');

      // What nick holds, nick may hand on.
      const ok = await nick.post('/grants', { subject: { kind: 'user', id: rea.id }, roleId: role.id, scope: ['n-1'] });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
    });

    it('refuses anyone editing their own grants or status (403 own_grants, own_status)', async () => {
      const mine = await admin.get(`/grants?subjectKind=user&subjectId=${ann.id}`);
      assert.equal(mine.status, 200);
      const [grant] = mine.body.items;
      const give = await admin.post('/grants', { subject: { kind: 'user', id: ann.id }, roleId: 'analyst' });
      assert.equal(give.status, 403);
      assert.equal(give.body.error.code, 'own_grants');
      const take = await admin.delete(`/grants/${grant.id}`);
      assert.equal(take.status, 403);
      assert.equal(take.body.error.code, 'own_grants');
      const status = await admin.put(`/users/${ann.id}/status`, { status: 'disabled' });
      assert.equal(status.status, 403);
      assert.equal(status.body.error.code, 'own_status');
      assert.deepEqual(await grantsOf(ann.id), [['administrator', '*']], 'nothing changed');
    });

    it('answers a reseller administrator asking for another reseller\'s customer exactly as for an id that does not exist', async () => {
      await seedTenant(host, 'northwind', { kind: 'reseller' });
      await seedTenant(host, 'initech', { parentId: 'northwind' });
      await seedTenant(host, 'southwind', { kind: 'reseller' });
      await seedTenant(host, 'umbrella', { parentId: 'southwind' });
      const nora = await signedIn(host, await seedUser(host, 'northwind', 'nora@northwind.test'));
      const ian = await seedUser(host, 'initech', 'ian@initech.test', 'analyst');
      const ulla = await seedUser(host, 'umbrella', 'ulla@umbrella.test', 'analyst');

      // Her own customer's, for contrast.
      assert.equal((await nora.get('/tenants/initech')).status, 200);
      assert.equal((await nora.get(`/users/${ian.id}`)).status, 200);

      const tenant = await nora.get('/tenants/umbrella');
      assert.equal(tenant.status, 404);
      assert.deepEqual(errorOf(tenant), errorOf(await nora.get('/tenants/no-such-tenant')));

      const user = await nora.get(`/users/${ulla.id}`);
      assert.equal(user.status, 404);
      assert.deepEqual(errorOf(user), errorOf(await nora.get('/users/user_00000000000000000000')));

      const grant = await nora.post('/grants', { subject: { kind: 'user', id: ulla.id }, roleId: 'analyst' });
      assert.equal(grant.status, 404);
      assert.deepEqual(errorOf(grant), errorOf(await nora.post('/grants', { subject: { kind: 'user', id: 'user_00000000000000000000' }, roleId: 'analyst' })));

      const explained = await nora.get(`/explain/user/${ulla.id}`);
      assert.deepEqual(errorOf(explained), errorOf(await nora.get('/explain/user/user_00000000000000000000')));
      assert.deepEqual(await grantsOf(ulla.id), [['analyst', '*']], 'nothing changed');
    });
  });
});
