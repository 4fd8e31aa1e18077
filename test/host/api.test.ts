import assert from 'node:assert/strict';
import { CONTENT_SECURITY_POLICY, verifyAuditChain } from '@switchboard/host';
import { forEachDatabase } from '../support/databases.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { openEventStream } from '../support/sse-client.js';

forEachDatabase((kind, open) => {
  describe(`the dispatcher, end to end over HTTPS (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;

    before(async () => {
      const database = await open();
      cleanup = database.cleanup;
      host = await startTestHost({ database: { url: database.url, schema: database.schema ?? null } });
    });
    after(async () => {
      await host?.dispose();
      await cleanup?.();
    });

    const createNote = (as: string, body: Record<string, unknown>) => host.request('POST', '/api/notes/notes', { as, body });

    it('answers 401 in the one error shape when nobody is signed in', async () => {
      const res = await host.request('GET', '/api/notes/notes');
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthenticated');
      assert.equal(res.body.error.requestId, res.headers['x-request-id']);
    });

    it('answers 401 for credentials it does not know', async () => {
      const res = await host.request('GET', '/api/notes/notes', { as: 'mallory' });
      assert.equal(res.status, 401);
    });

    it('answers 403 naming the missing entitlement, and runs nothing', async () => {
      const res = await host.request('POST', '/api/notes/notes', { as: 'nobody', body: { title: 'sneaky' } });
      assert.equal(res.status, 403);
      assert.deepEqual(res.body.error, { code: 'forbidden', message: 'This needs the entitlement notes:notes.write.', requestId: res.headers['x-request-id'] });
      const list = await host.request('GET', '/api/notes/notes', { as: 'alice' });
      assert.ok(!list.body.items.some((n: { title: string }) => n.title === 'sneaky'));
    });

    it('creates a note and returns it with 201 and its location', async () => {
      const res = await createNote('alice', { id: 'n-acme-1', title: 'Reroute 800 traffic', body: 'to Dallas' });
      assert.equal(res.status, 201);
      assert.equal(res.headers.location, '/api/notes/notes/n-acme-1');
      assert.equal(res.body.title, 'Reroute 800 traffic');
      assert.equal(res.body.version, 1);
    });

    it('answers 400 listing every bad field, and stores nothing', async () => {
      const res = await createNote('alice', { title: '', body: 42, colour: 'red' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.deepEqual(
        [...res.body.error.fields].sort((a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field)),
        [
          { field: 'body.body', message: 'must be string' },
          { field: 'body.colour', message: 'is not an allowed field' },
          { field: 'body.title', message: 'must NOT have fewer than 1 characters' },
        ],
      );
      const list = await host.request('GET', '/api/notes/notes', { as: 'alice' });
      assert.equal(list.body.items.length, 1);
    });

    it('refuses a repeated query parameter where one value is expected', async () => {
      const res = await host.request('GET', '/api/notes/notes?limit=5&limit=6', { as: 'alice' });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.error.fields, [{ field: 'query.limit', message: 'must be integer' }]);
    });

    it('coerces query strings to the declared types', async () => {
      const res = await host.request('GET', '/api/notes/echo/hello?n=7', { as: 'alice' });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { word: 'hello', n: 7, tenant: 'acme' });
    });

    it('answers another tenant\'s note exactly like a note that does not exist', async () => {
      const theirs = await host.request('GET', '/api/notes/notes/n-acme-1', { as: 'carol' });
      const nothing = await host.request('GET', '/api/notes/notes/n-nowhere', { as: 'carol' });
      assert.equal(theirs.status, 404);
      assert.equal(theirs.text.replace(theirs.body.error.requestId, ''), nothing.text.replace(nothing.body.error.requestId, ''));
      const list = await host.request('GET', '/api/notes/notes', { as: 'carol' });
      assert.deepEqual(list.body.items, []);
    });

    it('lets a scoped grant reach its resource and nothing else', async () => {
      await createNote('alice', { id: 'n-acme-2', title: 'Second' });
      const granted = await host.request('GET', '/api/notes/notes/n-acme-1', { as: 'bob' });
      assert.equal(granted.status, 200);
      const other = await host.request('GET', '/api/notes/notes/n-acme-2', { as: 'bob' });
      assert.equal(other.status, 403);
      assert.equal(other.body.error.code, 'forbidden_resource');
      const list = await host.request('GET', '/api/notes/notes', { as: 'bob' });
      assert.deepEqual(list.body.items.map((n: { id: string }) => n.id), ['n-acme-1']);
    });

    it('answers 409 to an edit based on a stale version and keeps the newer text', async () => {
      const first = await host.request('PATCH', '/api/notes/notes/n-acme-1', { as: 'alice', body: { title: 'Reroute to Dallas', version: 1 } });
      assert.equal(first.status, 200);
      assert.equal(first.body.version, 2);
      const stale = await host.request('PATCH', '/api/notes/notes/n-acme-1', { as: 'alice', body: { title: 'Reroute to Austin', version: 1 } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.code, 'stale_version');
      const now = await host.request('GET', '/api/notes/notes/n-acme-1', { as: 'alice' });
      assert.equal(now.body.title, 'Reroute to Dallas');
    });

    it('answers 413 to a body over the limit', async () => {
      const res = await host.request('POST', '/api/notes/notes', { as: 'alice', rawBody: JSON.stringify({ title: 'x', body: 'y'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 413);
      assert.equal(res.body.error.code, 'payload_too_large');
    });

    it('streams an NDJSON body to a route that takes one, storing the good lines and naming the bad', async () => {
      const ndjson = ['{"title":"Imported one"}', 'not json', '{"title":""}', '{"title":"Imported two","body":"from a file"}'].join('\n');
      const res = await host.request('POST', '/api/notes/import', { as: 'alice', rawBody: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { imported: 2, refused: [{ line: 2, message: 'is not JSON' }, { line: 3, message: 'title must be 1 to 120 characters' }] });
      const titles = (await host.request('GET', '/api/notes/notes', { as: 'alice' })).body.items.map((n: { title: string }) => n.title);
      assert.ok(titles.includes('Imported one') && titles.includes('Imported two'));
    });

    it('refuses a streamed body of another type (415), over its limit (413), or from a caller not entitled (403)', async () => {
      const wrongType = await host.request('POST', '/api/notes/import', { as: 'alice', rawBody: '{"title":"x"}', headers: { 'content-type': 'text/csv' } });
      assert.equal(wrongType.status, 415);
      assert.equal(wrongType.body.error.message, 'Send the body as application/x-ndjson.');
      const tooBig = await host.request('POST', '/api/notes/import', { as: 'alice', rawBody: `${'{"title":"x"}\n'.repeat(6000)}`, headers: { 'content-type': 'application/x-ndjson' } });
      assert.equal(tooBig.status, 413);
      const notEntitled = await host.request('POST', '/api/notes/import', { as: 'nobody', rawBody: '{"title":"x"}', headers: { 'content-type': 'application/x-ndjson' } });
      assert.equal(notEntitled.status, 403);
    });

    it('streams new notes as Server-Sent Events to their own tenant only', async () => {
      const until = async (what: string, ok: () => boolean) => {
        for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
        assert.ok(ok(), `timed out waiting for ${what}`);
      };
      const mine = openEventStream(`${host.url}/api/notes/live`, { ca: host.tls.cert, headers: { authorization: 'Bearer fixture:alice' } });
      const theirs = openEventStream(`${host.url}/api/notes/live`, { ca: host.tls.cert, headers: { authorization: 'Bearer fixture:carol' } });
      const opened = await mine.opened;
      await theirs.opened;
      assert.equal(opened.status, 200);
      assert.equal(opened.headers['content-type'], 'text/event-stream; charset=utf-8');
      assert.equal(opened.headers['cache-control'], 'no-store');
      await new Promise((r) => setTimeout(r, 100)); // both are listening
      const created = await createNote('alice', { title: 'Seen live' });
      await until('the event', () => mine.events.length === 1);
      assert.deepEqual(mine.events[0]!.data, { id: created.body.id });
      assert.equal(mine.events[0]!.event, 'note');
      assert.ok(mine.events[0]!.id, 'an event id to resume from');
      await createNote('carol', { title: 'Globex only' });
      await until('carol\'s event', () => theirs.events.length === 1);
      assert.equal(mine.events.length, 1, 'another tenant\'s note never reaches this stream');
      mine.close();
      theirs.close();
      const denied = openEventStream(`${host.url}/api/notes/live`, { ca: host.tls.cert, headers: { authorization: 'Bearer fixture:nobody' } });
      assert.equal((await denied.opened).status, 403);
      denied.close();
    });

    it('refuses prototype-polluting field names and malformed JSON', async () => {
      const polluted = await host.request('POST', '/api/notes/notes', { as: 'alice', rawBody: '{"title":"x","__proto__":{"admin":true}}', headers: { 'content-type': 'application/json' } });
      assert.equal(polluted.status, 400);
      assert.equal(polluted.body.error.code, 'forbidden_field_name');
      const broken = await host.request('POST', '/api/notes/notes', { as: 'alice', rawBody: '{"title":', headers: { 'content-type': 'application/json' } });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error.code, 'invalid_json');
    });

    it('serves a public route without identity', async () => {
      const res = await host.request('GET', '/api/notes/about');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { title: 'Notes', version: '1.2.0' });
    });

    it('answers unknown API paths with 404 and wrong methods with 405, in the error shape', async () => {
      const missing = await host.request('GET', '/api/notes/nowhere', { as: 'alice' });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not_found');
      const wrong = await host.request('PUT', '/api/notes/notes', { as: 'alice', body: {} });
      assert.equal(wrong.status, 405);
      assert.equal(wrong.body.error.code, 'method_not_allowed');
    });

    it('ignores identity headers a client makes up', async () => {
      const res = await host.request('GET', '/api/notes/echo/hi', { as: 'carol', headers: { 'x-tenant-id': 'acme', 'x-user-id': 'alice' } });
      assert.equal(res.body.tenant, 'globex');
    });

    it('puts every change in the audit trail with who, what and how it ended, and the chain verifies', async () => {
      const rows = await host.db.knex('host_audit').orderBy('seq');
      const created = rows.find((r: { action: string; outcome: number }) => r.action === 'POST /api/notes/notes' && r.outcome === 201);
      assert.ok(created, 'the creation is audited');
      assert.equal(created.actor_subject, 'alice');
      assert.equal(created.tenant_id, 'acme');
      assert.ok(rows.some((r: { outcome: number; action: string }) => r.action === 'PATCH /api/notes/notes/:id' && r.outcome === 409), 'the refused stale edit is audited too');
      assert.ok(!rows.some((r: { action: string }) => r.action.startsWith('GET')), 'reads are not audited');
      const verdict = await verifyAuditChain(host.db.knex);
      assert.equal(verdict.ok, true);
      assert.equal(verdict.records, rows.length);
    });

    it('sets the security headers on every answer, API and errors included', async () => {
      for (const res of [await host.request('GET', '/api/notes/notes'), await host.request('GET', '/healthz')]) {
        assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
        assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['x-frame-options'], 'DENY');
        assert.equal(res.headers['x-powered-by'], undefined);
      }
      const api = await host.request('GET', '/api/notes/about');
      assert.equal(api.headers['cache-control'], 'no-store');
      assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'/);
      assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
    });

    it('reports health and readiness', async () => {
      assert.deepEqual((await host.request('GET', '/healthz')).body, { status: 'ok' });
      assert.deepEqual((await host.request('GET', '/readyz')).body, { status: 'ready' });
    });
  });
});
