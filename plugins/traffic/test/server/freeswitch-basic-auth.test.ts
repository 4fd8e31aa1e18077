import assert from 'node:assert/strict';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { readSample } from '../support/index.js';
import { apiClient, signedInUser, type ApiClient } from '../support/callers.js';
import { forEachDatabase, seedTenant, seedUser, send, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';
import { storedCalls } from '../support/traffic-store.js';

const ANSWERED = 'freeswitch/3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14.cdr.json';

/**
 * FreeSWITCH's mod_json_cdr authenticates with HTTP Basic (its `cred` parameter), not OAuth: a
 * network client's id and secret in Basic post calls; anything else posting with Basic is refused
 * and stores nothing.
 */
forEachDatabase((kind, open) => {
  describe(`traffic: FreeSWITCH posting with HTTP Basic as a network client (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let edge: ApiClient;
    let cdr: string;

    /** A post as mod_json_cdr makes it: the call's uuid in the query, the document as JSON, Basic credentials. */
    const post = (authorization: string, uuid: string, extra: Record<string, string> = {}) =>
      send(host.url, 'POST', `/api/traffic/freeswitch?uuid=${uuid}`, {
        ca: host.tls.cert,
        headers: { authorization, 'content-type': 'application/json', ...extra },
        rawBody: cdr.replaceAll('3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14', uuid),
      });
    const storedUuids = async () => (await storedCalls(host.db)).map((call) => call.sourceId).sort();

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      const staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      assert.equal((await staff.put('/api/traffic/numbers/+18005550199', { tenantId: 'acme' })).status, 200);
      edge = await apiClient(host, { tenantId: 'carrier', name: 'fs-dal-1', kind: 'network', roleId: 'network-element' });
      cdr = await readSample(ANSWERED);
    });
    after(async () => {
      await cleanup?.();
    });

    it('stores the call posted with the client id and secret in Basic, under the client as source', async () => {
      const answer = await post(edge.basicAuthorization, '0b1e6f3a-0000-4000-8000-000000000001');
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body, { stored: 1, duplicates: 0, refused: [] });
      const [call] = (await storedCalls(host.db)).filter((c) => c.sourceId === '0b1e6f3a-0000-4000-8000-000000000001');
      assert.equal(call?.source, edge.clientId);
      assert.equal(call?.tenantId, 'acme');
    });

    it('refuses a wrong secret, an unknown client and a malformed header with 401, storing nothing', async () => {
      const before = await storedUuids();
      const wrongSecret = `Basic ${Buffer.from(`${edge.clientId}:not-the-secret`).toString('base64')}`;
      const unknown = `Basic ${Buffer.from('client_nobody:whatever').toString('base64')}`;
      for (const authorization of [wrongSecret, unknown, 'Basic', 'Basic bm8tY29sb24=']) {
        const answer = await post(authorization, '0b1e6f3a-0000-4000-8000-000000000002');
        assert.equal(answer.status, 401, `${authorization}: ${answer.text}`);
        assert.equal(answer.body.error.code, 'unauthenticated');
      }
      assert.deepEqual(await storedUuids(), before);
    });

    it("refuses Basic from a customer's automation client: only network equipment may use it", async () => {
      const bot = await apiClient(host, { tenantId: 'acme', name: 'acme-reports', kind: 'automation', roleId: 'analyst' });
      assert.equal((await send(host.url, 'GET', '/api/traffic/calls', { ca: host.tls.cert, headers: { authorization: bot.basicAuthorization } })).status, 401);
      // The same client's bearer token still works: the refusal is of the scheme, not of the client.
      assert.equal((await bot.get('/api/traffic/calls')).status, 200);
    });

    it('refuses Basic on a request a browser sent (Origin or Sec-Fetch-Site), since browsers replay Basic credentials by themselves', async () => {
      const browserHeaders: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }];
      for (const extra of browserHeaders) {
        assert.equal((await post(edge.basicAuthorization, '0b1e6f3a-0000-4000-8000-000000000003', extra)).status, 401);
      }
      assert.ok(!(await storedUuids()).includes('0b1e6f3a-0000-4000-8000-000000000003'));
    });

    it('refuses a disabled client on its next post', async () => {
      const other = await apiClient(host, { tenantId: 'carrier', name: 'fs-dal-2', kind: 'network', roleId: 'network-element' });
      assert.equal((await post(other.basicAuthorization, '0b1e6f3a-0000-4000-8000-000000000004')).status, 200);
      await host.identity.directory.setClientStatus(OPERATOR, other.clientId, 'disabled');
      assert.equal((await post(other.basicAuthorization, '0b1e6f3a-0000-4000-8000-000000000005')).status, 401);
      assert.ok(!(await storedUuids()).includes('0b1e6f3a-0000-4000-8000-000000000005'));
    });
  });
});
