import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { forEachDatabase } from '../support/databases.js';
import type { TestHost } from '../support/host.js';
import { seedTenant, seedUser, signIn, webClient, type SeededUser } from '../support/identity.js';
import { errorOf, signedIn, startHostOn, type ApiSession } from './api-session.js';

/** A TOTP second factor enrolled for a user, as the sign-in pages would have it done. */
async function enrolTotp(host: TestHost, user: SeededUser): Promise<void> {
  const { totp } = host.identity.credentials;
  const { secret } = await totp.startEnrolment(user.id, { issuer: 'Switchboard', login: user.login });
  assert.equal(await totp.confirmEnrolment(user.id, await generate({ secret })), true);
  await host.identity.credentials.recoveryCodes.generate(user.id);
}

forEachDatabase((kind, open) => {
  describe(`the directory API: invitations, second factors and the audit trail (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let ann: SeededUser; // acme administrator
    let admin: ApiSession;
    let globexAdmin: ApiSession;
    let lena: ApiSession; // acme, may manage users but holds only notes reading

    before(async () => {
      ({ host, cleanup } = await startHostOn(open));
      await seedTenant(host, 'acme');
      await seedTenant(host, 'globex');
      ann = await seedUser(host, 'acme', 'ann@acme.test');
      admin = await signedIn(host, ann);
      globexAdmin = await signedIn(host, await seedUser(host, 'globex', 'gil@globex.test'));
      const helpdesk = await host.identity.directory.createRole(OPERATOR, { tenantId: 'acme', name: 'Help desk', entitlements: ['host:users.*', 'notes:notes.read'] });
      lena = await signedIn(host, await seedUser(host, 'acme', 'lena@acme.test', helpdesk.id));
    });
    after(async () => {
      await cleanup?.();
    });

    /** A new invited user of acme with the analyst role. */
    async function invitee(login: string) {
      const made = await admin.post('/users', { tenantId: 'acme', login, name: 'New Person', email: login });
      assert.equal(made.status, 201, made.text);
      assert.equal((await admin.post('/grants', { subject: { kind: 'user', id: made.body.id }, roleId: 'analyst' })).status, 201);
      return made.body.id as string;
    }

    it('gives an invited user a one-time link to set their password; a new link cancels the old one', async () => {
      const id = await invitee('ivy@acme.test');
      const first = await admin.post(`/users/${id}/invitation`, {});
      assert.equal(first.status, 201, first.text);
      assert.equal(first.headers['cache-control'], 'no-store');
      assert.equal(first.body.userId, id);
      assert.match(first.body.path, /^\/auth\/setup\/[A-Za-z0-9_-]{40,}$/);
      const second = await admin.post(`/users/${id}/invitation`, {});
      assert.notEqual(second.body.path, first.body.path);

      const client = webClient(host);
      assert.equal((await client.request('GET', first.body.path)).status, 404, 'the older link no longer works');
      const form = await client.request('GET', second.body.path);
      assert.match(form.text, /Choose a password for <strong>ivy@acme\.test<\/strong>/);
      const set = await client.request('POST', second.body.path, { form: { password: 'a long and quiet river', confirm: 'a long and quiet river' } });
      assert.equal(set.status, 200);
      assert.equal((await signIn(client, 'ivy@acme.test', 'a long and quiet river')).path, '/');

      // Set up: another link would let whoever holds it take the account over.
      const again = await admin.post(`/users/${id}/invitation`, {});
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'not_invited');
    });

    it('refuses an invitation for oneself, for someone holding more, and for another tenant\'s user', async () => {
      const id = await invitee('ike@acme.test');
      const own = await admin.post(`/users/${ann.id}/invitation`, {});
      assert.equal(own.status, 403);
      assert.equal(own.body.error.code, 'own_account');
      const more = await lena.post(`/users/${id}/invitation`, {});
      assert.equal(more.status, 403, 'the analyst role gives ike more than lena holds');
      assert.equal(more.body.error.code, 'grant_exceeds_own');
      const theirs = await globexAdmin.post(`/users/${id}/invitation`, {});
      const nobody = await globexAdmin.post('/users/user_doesnotexist/invitation', {});
      assert.deepEqual(errorOf(theirs), errorOf(nobody));
      assert.equal(theirs.status, 404);
      assert.equal((await admin.post(`/users/${id}/invitation`, { send: true })).status, 400, 'the body takes nothing');
    });

    it('resets a lost second factor, so the user enrols again, and never one\'s own', async () => {
      const tom = await seedUser(host, 'acme', 'tom@acme.test', 'analyst');
      await enrolTotp(host, tom);
      const before = await admin.get(`/users/${tom.id}/second-factor`);
      assert.equal(before.status, 200);
      assert.equal(before.body.enrolled, true);
      assert.equal(before.body.recoveryCodesLeft, 10);
      assert.ok(before.body.since);

      assert.equal((await globexAdmin.delete(`/users/${tom.id}/second-factor`)).status, 404);
      assert.equal((await lena.delete(`/users/${tom.id}/second-factor`)).body.error.code, 'grant_exceeds_own');
      assert.equal((await admin.get(`/users/${tom.id}/second-factor`)).body.enrolled, true, 'the refusals changed nothing');

      assert.equal((await admin.delete(`/users/${tom.id}/second-factor`)).status, 204);
      assert.deepEqual((await admin.get(`/users/${tom.id}/second-factor`)).body, { enrolled: false, since: null, recoveryCodesLeft: 0 });
      // Signs in with the password alone now (acme does not require a second factor).
      assert.equal((await signIn(webClient(host), tom.login, tom.password)).path, '/');

      const own = await admin.delete(`/users/${ann.id}/second-factor`);
      assert.equal(own.status, 403);
      assert.equal(own.body.error.code, 'own_account');
    });

    it("shows the audit trail of the caller's tenants, newest first, by actor and time, in pages", async () => {
      const all = await admin.get('/audit?limit=200');
      assert.equal(all.status, 200, all.text);
      const entries = all.body.items as { seq: number; at: string; tenantId: string; actor: { subject: string }; action: string }[];
      assert.ok(entries.length >= 10);
      assert.ok(entries.every((e) => e.tenantId === 'acme'), "only acme's entries");
      assert.deepEqual(entries.map((e) => e.seq), [...entries.map((e) => e.seq)].sort((a, b) => b - a), 'newest first');
      assert.ok(entries.some((e) => e.action === 'POST /api/host/users/:id/invitation'));
      assert.ok(!JSON.stringify(all.body).includes('/auth/setup/'), 'an invitation link is never in the audit trail');

      const byAnn = await admin.get(`/audit?actor=${ann.id}&limit=200`);
      assert.ok(byAnn.body.items.length > 0);
      assert.deepEqual(byAnn.body.items, entries.filter((e) => e.actor.subject === ann.id));

      const middle = entries[Math.floor(entries.length / 2)]!.at;
      const since = await admin.get(`/audit?from=${encodeURIComponent(middle)}&limit=200`);
      assert.deepEqual(since.body.items, entries.filter((e) => e.at >= middle));
      const until = await admin.get(`/audit?to=${encodeURIComponent(middle)}&limit=200`);
      assert.deepEqual(until.body.items, entries.filter((e) => e.at < middle));

      const first = await admin.get('/audit?limit=3');
      assert.deepEqual(first.body.items, entries.slice(0, 3));
      assert.equal(first.body.next, entries[2]!.seq);
      const next = await admin.get(`/audit?limit=3&before=${first.body.next}`);
      assert.deepEqual(next.body.items, entries.slice(3, 6));
    });

    it("refuses another tenant's trail like a missing tenant, bad filters with 400, and callers without audit.read", async () => {
      const theirs = await admin.get('/audit?tenantId=globex');
      const nowhere = await admin.get('/audit?tenantId=nowhere');
      assert.equal(theirs.status, 404);
      assert.deepEqual(errorOf(theirs), errorOf(nowhere));
      assert.ok((await globexAdmin.get('/audit')).body.items.every((e: { tenantId: string }) => e.tenantId === 'globex'));

      const bad = await admin.get('/audit?from=yesterday&limit=0');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields.map((f: { field: string }) => f.field).sort(), ['query.from', 'query.limit']);
      const empty = await admin.get('/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z');
      assert.equal(empty.status, 400);
      assert.deepEqual(empty.body.error.fields, [{ field: 'query.to', message: 'must be after from' }]);

      const refused = await lena.get('/audit');
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.message, 'This needs the entitlement host:audit.read.');
    });
  });
});
