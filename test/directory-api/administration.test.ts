import assert from 'node:assert/strict';
import { forEachDatabase } from '../support/databases.js';
import type { TestHost } from '../support/host.js';
import { seedTenant, seedUser, webClient, type SeededUser } from '../support/identity.js';
import { API, signedIn, startHostOn, type ApiSession } from './api-session.js';

forEachDatabase((kind, open) => {
  describe(`the directory API: administering a tenant (${kind})`, () => {
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

    it('answers GET /me only with a session: the caller, their tenant, and where each entitlement comes from', async () => {
      const anonymous = await webClient(host).request('GET', `${API}/me`);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.code, 'unauthenticated');

      const me = await admin.get('/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.kind, 'user');
      assert.equal(me.body.subject, ann.id);
      assert.equal(me.body.tenant.id, 'acme');
      assert.equal(me.body.user.login, 'ann@acme.test');
      assert.equal(me.body.client, null);
      const users = me.body.explanation.entitlements.find((e: any) => e.entitlement === 'host:users.write');
      assert.deepEqual(users.sources.map((s: any) => [s.roleId, s.pattern, s.scope]), [['administrator', '*:*', '*']]);
    });

    it('creates a user, grants them the analyst role for two notes, and explains where each entitlement comes from', async () => {
      const made = await admin.post('/users', { tenantId: 'acme', login: 'Rea@Acme.test', name: 'Rea Analyst', email: 'rea@acme.test' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.login, 'rea@acme.test');
      assert.equal(made.body.status, 'invited');
      assert.equal(made.headers.location, `${API}/users/${made.body.id}`);
      const read = await admin.client.request('GET', made.headers.location!);
      assert.deepEqual(read.body, made.body);

      const rea = made.body.id as string;
      const granted = await admin.post('/grants', { subject: { kind: 'user', id: rea }, roleId: 'analyst', scope: ['n-2', 'n-1'] });
      assert.equal(granted.status, 201, JSON.stringify(granted.body));
      assert.deepEqual(granted.body.scope, ['n-1', 'n-2']);
      assert.equal(granted.body.grantedBy, ann.id);
      assert.equal(granted.headers.location, `${API}/grants/${granted.body.id}`);
      const listed = await admin.get(`/grants?subjectKind=user&subjectId=${rea}`);
      assert.deepEqual(listed.body.items, [granted.body]);

      const why = await admin.get(`/explain/user/${rea}`);
      assert.equal(why.status, 200);
      assert.equal(why.body.active, true);
      assert.deepEqual(why.body.subscriptions, ['host', 'notes']);
      assert.deepEqual(
        why.body.entitlements.map((e: any) => [e.entitlement, e.scope]),
        [
          ['host:audit.read', ['n-1', 'n-2']],
          ['host:clients.read', ['n-1', 'n-2']],
          ['host:roles.read', ['n-1', 'n-2']],
          ['host:tenants.read', ['n-1', 'n-2']],
          ['host:users.read', ['n-1', 'n-2']],
          ['notes:notes.read', ['n-1', 'n-2']],
        ],
      );
      for (const entitlement of why.body.entitlements) {
        assert.deepEqual(entitlement.sources, [{ grantId: granted.body.id, roleId: 'analyst', roleName: 'Analyst', pattern: '*:*.read', scope: ['n-1', 'n-2'] }]);
      }
      // The analyst's reports patterns give nothing here: no reports service is installed.
      assert.deepEqual(why.body.ineffective.map((p: any) => [p.pattern, p.reason]), [['reports:*', 'no_match']]);
    });

    it('defines a custom role, changes it, refuses to remove it while granted, then removes it', async () => {
      const made = await admin.post('/roles', { tenantId: 'acme', name: 'Note takers', entitlements: ['notes:*'] });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.headers.location, `${API}/roles/${made.body.id}`);
      assert.deepEqual(made.body, { id: made.body.id, tenantId: 'acme', name: 'Note takers', description: '', entitlements: ['notes:*'], builtIn: false });

      const changed = await admin.patch(`/roles/${made.body.id}`, { description: 'Keep the call-center notes' });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.description, 'Keep the call-center notes');
      const roles = await admin.get('/roles');
      assert.deepEqual(
        roles.body.items.map((r: any) => r.id),
        ['administrator', 'analyst', 'billing', 'network-element', 'network-manager', made.body.id],
      );

      const tom = await seedUser(host, 'acme', 'tom@acme.test', 'analyst');
      const granted = await admin.post('/grants', { subject: { kind: 'user', id: tom.id }, roleId: made.body.id });
      assert.equal(granted.status, 201);
      const inUse = await admin.delete(`/roles/${made.body.id}`);
      assert.equal(inUse.status, 409);
      assert.equal(inUse.body.error.code, 'role_in_use');
      assert.equal((await admin.delete(`/grants/${granted.body.id}`)).status, 204);
      const removed = await admin.delete(`/roles/${made.body.id}`);
      assert.equal(removed.status, 204);
      assert.equal(removed.text, '');
      assert.equal((await admin.get(`/roles/${made.body.id}`)).status, 404);

      const builtIn = await admin.patch('/roles/analyst', { name: 'Readers' });
      assert.equal(builtIn.status, 403);
      assert.equal(builtIn.body.error.code, 'built_in_role');
    });

    it('adds an API client for the tenant\'s automation and disables it', async () => {
      const made = await admin.post('/clients', { tenantId: 'acme', name: 'Billing sync', kind: 'automation' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.headers.location, `${API}/clients/${made.body.id}`);
      assert.equal(made.body.createdBy, ann.id);
      assert.deepEqual((await admin.get('/clients')).body.items.map((c: any) => c.id), [made.body.id]);
      const disabled = await admin.put(`/clients/${made.body.id}/status`, { status: 'disabled' });
      assert.equal(disabled.status, 200);
      assert.equal(disabled.body.status, 'disabled');
      assert.equal((await admin.get(`/clients/${made.body.id}`)).body.status, 'disabled');
    });

    it('lets a reseller administrator open a customer under it, name it, and choose its services, but not its own', async () => {
      await seedTenant(host, 'northwind', { kind: 'reseller' });
      const nora = await signedIn(host, await seedUser(host, 'northwind', 'nora@northwind.test'));
      const made = await nora.post('/tenants', { id: 'initrode', parentId: 'northwind', kind: 'customer', name: 'Initrode', subscriptions: ['notes'] });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.headers.location, `${API}/tenants/initrode`);
      assert.equal(made.body.path, '/carrier/northwind/initrode/');
      // The new tenant is in view on the very next request.
      assert.deepEqual((await nora.client.request('GET', made.headers.location!)).body, made.body);
      assert.deepEqual((await nora.get('/tenants')).body.items.map((t: any) => t.id), ['northwind', 'initrode']);

      const renamed = await nora.patch('/tenants/initrode', { name: 'Initrode Global' });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.name, 'Initrode Global');
      assert.deepEqual((await nora.get('/tenants/initrode/subscriptions')).body, { plugins: ['host', 'notes'] });
      const dropped = await nora.put('/tenants/initrode/subscriptions', { plugins: [] });
      assert.equal(dropped.status, 200);
      assert.deepEqual(dropped.body, { plugins: ['host'] });

      const own = await nora.put('/tenants/northwind/subscriptions', { plugins: ['notes'] });
      assert.equal(own.status, 403);
      assert.equal(own.body.error.code, 'own_tenant');
      const misplaced = await nora.post('/tenants', { id: 'sub-reseller', parentId: 'northwind', kind: 'reseller', name: 'Sub' });
      assert.equal(misplaced.status, 422);
      assert.deepEqual(misplaced.body.error.fields, [{ field: 'body.parentId', message: 'must be the carrier' }]);

      // A customer administrator sees their own tenant only, and opens none below it.
      assert.deepEqual((await admin.get('/tenants')).body.items.map((t: any) => t.id), ['acme']);
      const nested = await admin.post('/tenants', { id: 'acme-east', parentId: 'acme', kind: 'customer', name: 'Acme East' });
      assert.equal(nested.status, 422, 'customers have no customers below them');
      assert.equal(nested.body.error.code, 'invalid_parent');
    });
  });
});
