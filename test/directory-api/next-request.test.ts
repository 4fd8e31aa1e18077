import assert from 'node:assert/strict';
import { forEachDatabase } from '../support/databases.js';
import type { TestHost } from '../support/host.js';
import { seedTenant, seedUser } from '../support/identity.js';
import { signedIn, startHostOn, type ApiSession } from './api-session.js';

forEachDatabase((kind, open) => {
  describe(`the directory API: changes take effect on the subject's next request (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let admin: ApiSession;

    before(async () => {
      ({ host, cleanup } = await startHostOn(open));
      await seedTenant(host, 'acme');
      admin = await signedIn(host, await seedUser(host, 'acme', 'ann@acme.test'));
    });
    after(async () => {
      await cleanup?.();
    });

    it('takes a revoked grant away from the user\'s open session on their next request', async () => {
      const walt = await seedUser(host, 'acme', 'walt@acme.test', 'analyst');
      const session = await signedIn(host, walt);
      assert.equal((await session.client.request('GET', '/api/notes/notes')).status, 200);

      const [grant] = (await admin.get(`/grants?subjectKind=user&subjectId=${walt.id}`)).body.items;
      assert.equal((await admin.delete(`/grants/${grant.id}`)).status, 204);

      const after = await session.client.request('GET', '/api/notes/notes');
      assert.equal(after.status, 403);
      assert.equal(after.body.error.code, 'forbidden');
      const me = await session.get('/me');
      assert.equal(me.status, 200, 'still signed in, with nothing to do');
      assert.deepEqual(me.body.explanation.entitlements, []);
    });

    it('ends a disabled user\'s open session on their next request, and enabling them again does not revive it', async () => {
      const vic = await seedUser(host, 'acme', 'vic@acme.test', 'analyst');
      const session = await signedIn(host, vic);
      assert.equal((await session.client.request('GET', '/api/notes/notes')).status, 200);

      const disabled = await admin.put(`/users/${vic.id}/status`, { status: 'disabled' });
      assert.equal(disabled.status, 200);
      assert.equal(disabled.body.status, 'disabled');
      const refused = await session.client.request('GET', '/api/notes/notes');
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error.code, 'unauthenticated');

      assert.equal((await admin.put(`/users/${vic.id}/status`, { status: 'active' })).status, 200);
      assert.equal((await session.get('/me')).status, 401, 'the session ended; vic signs in again');
      const again = await signedIn(host, vic);
      assert.equal((await again.client.request('GET', '/api/notes/notes')).status, 200);
    });
  });
});
