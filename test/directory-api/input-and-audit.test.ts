import assert from 'node:assert/strict';
import { verifyAuditChain } from '@switchboard/host';
import { forEachDatabase } from '../support/databases.js';
import type { TestHost } from '../support/host.js';
import { seedTenant, seedUser, type SeededUser } from '../support/identity.js';
import { API, signedIn, startHostOn, type ApiSession } from './api-session.js';

/** The fields a refusal names, each once (one field can break several rules). */
const fieldsOf = (res: { body: any }) => [...new Set((res.body.error.fields as Array<{ field: string }>).map((f) => f.field))].sort();

forEachDatabase((kind, open) => {
  describe(`the directory API: bad input and the audit trail (${kind})`, () => {
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

    const userCount = async () => (await admin.get('/users')).body.items.length as number;

    it('answers bad input with 400 naming every bad field, and changes nothing', async () => {
      const before = await userCount();
      const user = await admin.post('/users', { tenantId: 'Not A Slug', login: 'x', email: 'nope', admin: true });
      assert.equal(user.status, 400);
      assert.equal(user.body.error.code, 'invalid_request');
      assert.deepEqual(fieldsOf(user), ['body.admin', 'body.email', 'body.login', 'body.name', 'body.tenantId']);
      assert.equal(await userCount(), before);

      const grant = await admin.post('/grants', { subject: { kind: 'robot' }, roleId: '', scope: [] });
      assert.equal(grant.status, 400);
      assert.deepEqual(fieldsOf(grant), ['body.roleId', 'body.scope', 'body.subject.id', 'body.subject.kind']);

      const list = await admin.get('/users?descendants=maybe&colour=red');
      assert.equal(list.status, 400);
      assert.deepEqual(fieldsOf(list), ['query.colour', 'query.descendants']);
      const half = await admin.get('/grants?subjectKind=user');
      assert.deepEqual(fieldsOf(half), ['query.subjectId']);

      const explain = await admin.get('/explain/robot/r2d2');
      assert.equal(explain.status, 400);
      assert.deepEqual(fieldsOf(explain), ['params.kind']);

      const empty = await admin.patch(`/users/${ann.id}`, {});
      assert.equal(empty.status, 400);
      assert.deepEqual(fieldsOf(empty), ['body']);
    });

    it('names the request\'s fields in the directory\'s own refusals too', async () => {
      const pattern = await admin.post('/roles', { tenantId: 'acme', name: 'Odd', entitlements: ['notes:*', 'notes:notes..read'] });
      assert.equal(pattern.status, 400);
      assert.deepEqual(fieldsOf(pattern), ['body.entitlements.1']);
      const nothing = await admin.post('/roles', { tenantId: 'acme', name: 'Odd', entitlements: ['billing:*'] });
      assert.equal(nothing.status, 400);
      assert.deepEqual(fieldsOf(nothing), ['body.entitlements.0']);
      const blank = await admin.post('/users', { tenantId: 'acme', login: 'blank@acme.test', name: '   ', email: 'blank@acme.test' });
      assert.equal(blank.status, 400);
      assert.deepEqual(fieldsOf(blank), ['body.name']);
      const taken = await admin.post('/users', { tenantId: 'acme', login: 'ANN@acme.test', name: 'Another Ann', email: 'ann2@acme.test' });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.code, 'login_taken');
      assert.deepEqual(fieldsOf(taken), ['body.login']);
    });

    it('refuses a change without the page\'s anti-forgery token', async () => {
      const before = await userCount();
      const forged = await admin.client.request('POST', `${API}/users`, {
        json: { tenantId: 'acme', login: 'mallory@acme.test', name: 'Mallory', email: 'mallory@acme.test' },
        headers: { origin: host.url },
      });
      assert.equal(forged.status, 403);
      assert.equal(forged.body.error.code, 'csrf_failed');
      assert.equal(await userCount(), before);
    });

    it('writes every change, and every refused one, to the audit trail under plugin host', async () => {
      const { knex } = host.db;
      const since = Number((await knex('host_audit').max({ seq: 'seq' }).first())?.seq ?? 0);

      const user = (await admin.post('/users', { tenantId: 'acme', login: 'abe@acme.test', name: 'Abe', email: 'abe@acme.test' })).body;
      await admin.patch(`/users/${user.id}`, { name: 'Abe Lincoln' });
      const grant = (await admin.post('/grants', { subject: { kind: 'user', id: user.id }, roleId: 'analyst', scope: ['n-1'] })).body;
      await admin.delete(`/grants/${grant.id}`);
      await admin.put(`/users/${user.id}/status`, { status: 'disabled' });
      const role = (await admin.post('/roles', { tenantId: 'acme', name: 'Readers', entitlements: ['notes:notes.read'] })).body;
      await admin.patch(`/roles/${role.id}`, { entitlements: ['notes:*'] });
      await admin.delete(`/roles/${role.id}`);
      const client = (await admin.post('/clients', { tenantId: 'acme', name: 'Sync', kind: 'automation' })).body;
      await admin.put(`/clients/${client.id}/status`, { status: 'disabled' });
      assert.equal((await admin.post('/grants', { subject: { kind: 'user', id: ann.id }, roleId: 'analyst' })).status, 403);
      await admin.get('/users');

      const rows = await knex('host_audit').where('seq', '>', since).andWhere({ actor_subject: ann.id }).orderBy('seq');
      assert.ok(rows.every((row) => row.plugin === 'host' && row.tenant_id === 'acme'));
      // The dispatcher's record of each request: what was asked, on what, and how it ended.
      const requests = rows.filter((row) => /^[A-Z]+ /.test(row.action)).map((row) => [row.action, row.resource, row.outcome]);
      assert.deepEqual(requests, [
        ['POST /api/host/users', null, 201],
        ['PATCH /api/host/users/:id', user.id, 200],
        ['POST /api/host/grants', null, 201],
        ['DELETE /api/host/grants/:id', grant.id, 204],
        ['PUT /api/host/users/:id/status', user.id, 200],
        ['POST /api/host/roles', null, 201],
        ['PATCH /api/host/roles/:id', role.id, 200],
        ['DELETE /api/host/roles/:id', role.id, 204],
        ['POST /api/host/clients', null, 201],
        ['PUT /api/host/clients/:id/status', client.id, 200],
        ['POST /api/host/grants', null, 403],
      ]);
      assert.ok(rows.filter((row) => /^[A-Z]+ /.test(row.action)).every((row) => typeof row.request_id === 'string' && row.request_id.length > 0));
      // The directory's record of each change it made, with what changed.
      const changes = rows.filter((row) => row.action.startsWith('directory.')).map((row) => [row.action, row.resource]);
      assert.deepEqual(changes, [
        ['directory.user.create', user.id],
        ['directory.user.update', user.id],
        ['directory.grant.create', grant.id],
        ['directory.grant.revoke', grant.id],
        ['directory.user.status', user.id],
        ['directory.role.create', role.id],
        ['directory.role.update', role.id],
        ['directory.role.delete', role.id],
        ['directory.client.create', client.id],
        ['directory.client.status', client.id],
      ]);
      assert.deepEqual(await verifyAuditChain(knex).then((verdict) => verdict.ok), true);
    });
  });
});
