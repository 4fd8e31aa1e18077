import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { loadAssertionKeys } from '@switchboard/host/dist/remote/assertion-keys.js';
import { digestOf, signAssertion } from '@switchboard/host/dist/remote/assertion.js';
import { send } from '../support/http.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';

describe('a plugin in a worker process', () => {
  let dataDir: string;
  let worker: WorkerProcess;
  let host: TestHost;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sb-remote-'));
    worker = await spawnWorker(['notes'], {
      SWITCHBOARD__dataDir: dataDir,
      SWITCHBOARD__plugins__dirs: '["test/fixtures/plugins"]',
      SWITCHBOARD__log__level: 'info',
    });
    host = await startTestHost({ plugins: { remote: { notes: worker.url } } }, { dataDir });
  });
  after(async () => {
    await host?.dispose();
    await worker?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is known to the front host by manifest only', () => {
    assert.equal(host.runtime.list().find((s) => s.id === 'notes')?.state, 'remote');
  });

  it('answers through the front host exactly as in-process: create, read, tenant isolation', async () => {
    const created = await host.request('POST', '/api/notes/notes', { as: 'alice', body: { id: 'n-remote-1', title: 'Handled by the worker' } });
    assert.equal(created.status, 201);
    assert.equal(created.headers.location, '/api/notes/notes/n-remote-1');
    const read = await host.request('GET', '/api/notes/notes/n-remote-1', { as: 'alice' });
    assert.equal(read.body.title, 'Handled by the worker');
    const other = await host.request('GET', '/api/notes/notes/n-remote-1', { as: 'carol' });
    assert.equal(other.status, 404);
    assert.equal(other.body.error.code, 'not_found');
    // The worker wrote the request's log line, so the handler really ran there.
    assert.match(worker.output(), new RegExp(`"requestId":"${read.headers['x-request-id']}"`));
  });

  it('takes a streamed body to the worker too', async () => {
    const res = await host.request('POST', '/api/notes/import', { as: 'alice', rawBody: '{"title":"Streamed to the worker"}\nnot json', headers: { 'content-type': 'application/x-ndjson' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { imported: 1, refused: [{ line: 2, message: 'is not JSON' }] });
  });

  it('is reached only after the front host checked entitlement and input', async () => {
    const before = worker.output().length;
    assert.equal((await host.request('POST', '/api/notes/notes', { as: 'nobody', body: { title: 'x' } })).status, 403);
    const bad = await host.request('POST', '/api/notes/notes', { as: 'alice', body: { title: 7 } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.fields, [{ field: 'body.title', message: 'must be string' }]);
    assert.equal(worker.output().length, before, 'the worker saw none of it');
  });

  it('audits remote changes in the front host', async () => {
    const rows = await host.db.knex('host_audit').where({ plugin: 'notes', outcome: 201 });
    assert.ok(rows.some((r: { resource: string | null; actor_subject: string }) => r.actor_subject === 'alice'));
  });

  describe('refuses calls that do not come from the host', () => {
    const call = JSON.stringify({ plugin: 'notes', method: 'GET', path: '/notes', call: { params: {}, query: {}, scope: '*', requestId: 'r1', headers: {} } });
    const post = (token?: string, body = call) =>
      send(worker.url, 'POST', '/_worker/call', { rawBody: body, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const alice = { kind: 'fixture' as const, subject: 'alice', tenantId: 'acme', tenants: ['acme'], grants: { 'notes:notes.read': '*' as const } };

    it('without an assertion', async () => {
      const res = await post();
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthenticated');
    });

    it('with an expired assertion', async () => {
      const keys = await loadAssertionKeys(dataDir);
      const past = Math.floor(Date.now() / 1000) - 120;
      const token = await new SignJWT({ identity: alice, rid: 'r1', dig: digestOf(call) })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'sb-assertion+jwt' })
        .setIssuer('switchboard-host')
        .setAudience('plugin:notes')
        .setIssuedAt(past - 30)
        .setExpirationTime(past)
        .sign(keys.privateKey);
      const res = await post(token);
      assert.equal(res.status, 401);
      assert.match(res.body.error.message, /"exp" claim timestamp check failed/);
    });

    it('with an assertion signed by another key', async () => {
      const stranger = await loadAssertionKeys(await mkdtemp(join(tmpdir(), 'sb-stranger-')));
      const token = await signAssertion(stranger, { identity: alice, requestId: 'r1', plugin: 'notes', digest: digestOf(call) }, 30);
      assert.equal((await post(token)).status, 401);
    });

    it('with a valid assertion replayed on another call', async () => {
      const keys = await loadAssertionKeys(dataDir);
      const token = await signAssertion(keys, { identity: alice, requestId: 'r1', plugin: 'notes', digest: digestOf(call) }, 30);
      assert.equal((await post(token)).status, 200, 'the genuine call passes');
      const tampered = call.replace('"scope":"*"', '"scope":["n-x"]');
      const res = await post(token, tampered);
      assert.equal(res.status, 401);
      assert.match(res.body.error.message, /issued for another request/);
    });
  });

  // Mocha runs a suite's own tests before its nested suites, so this one is nested too, and last.
  describe('when the worker is down', () => {
    it('answers 503 with a retry time', async () => {
      await worker.kill();
      const res = await host.request('GET', '/api/notes/notes', { as: 'alice' });
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'plugin_unavailable');
      assert.equal(res.headers['retry-after'], '5');
    });
  });
});
