import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { reply, type RouteDefinition } from '@switchboard/sdk';
import { Dispatcher } from '@switchboard/host';
import { directLane } from '@switchboard/host/dist/dispatcher/direct-lane.js';
import { forEachDatabase } from '../support/databases.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { send, type RequestOptions, type TestResponse } from '../support/http.js';

/**
 * The direct lane (host/src/dispatcher/direct-lane.ts) answers a direct route ahead of the Koa app.
 * The notes fixture's POST /count is one; asked with a trailing slash, the same route goes through
 * the app instead (the lane matches exact paths). Whatever a caller sends, both ways must answer
 * alike: same status, body, and headers, but for those that differ per request.
 */
const PER_REQUEST = new Set(['date', 'x-request-id', 'ratelimit-remaining', 'connection', 'keep-alive']);

function comparable(res: TestResponse): { status: number; headers: IncomingHttpHeaders; body: unknown } {
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => !PER_REQUEST.has(name)));
  const body = res.body?.error ? { error: { ...res.body.error, requestId: res.body.error.requestId === res.headers['x-request-id'] ? 'its own' : 'another' } } : res.body;
  return { status: res.status, headers, body };
}

forEachDatabase((kind, open) => {
  describe(`the dispatcher's direct lane (${kind})`, () => {
    let host: TestHost;

    // forEachDatabase removes the database after the suite.
    before(async () => {
      const database = await open();
      host = await startTestHost({ database: { url: database.url, schema: database.schema ?? null } });
    });
    after(() => host?.dispose());

    const askBothWays = async (query: string, options: RequestOptions) => {
      const lane = await host.request('POST', `/api/notes/count${query}`, options);
      const app = await host.request('POST', `/api/notes/count/${query}`, options);
      assert.deepEqual(comparable(lane), comparable(app), `the lane and the app answer ${JSON.stringify({ query, ...options })} alike`);
      return lane;
    };

    it('answers a good question with the same data and headers as the app', async () => {
      const words = await askBothWays('', { as: 'alice', body: { text: 'route 800 traffic to Dallas' } });
      assert.equal(words.status, 200);
      assert.deepEqual(words.body, { count: 5, unit: 'words', tenant: 'acme' });
      assert.equal(words.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(words.headers['cache-control'], 'no-store');
      assert.match(String(words.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.match(String(words.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      const characters = await askBothWays('?unit=characters', { as: 'alice', body: { text: 'Dallas' } });
      assert.deepEqual(characters.body, { count: 6, unit: 'characters', tenant: 'acme' });
    });

    it('refuses alike: unknown caller 401, no entitlement 403, each with its own request id', async () => {
      assert.equal((await askBothWays('', { body: { text: 'x' } })).status, 401);
      assert.equal((await askBothWays('', { as: 'mallory', body: { text: 'x' } })).status, 401);
      const forbidden = await askBothWays('', { as: 'nobody', body: { text: 'x' } });
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.error.message, 'This needs the entitlement notes:notes.read.');
    });

    it('refuses bad input alike, naming each field, and reads a body only from a caller entitled to send it', async () => {
      const fields = await askBothWays('?unit=lines', { as: 'alice', body: { text: 42, colour: 'red' } });
      assert.equal(fields.status, 400);
      assert.deepEqual(fields.body.error.fields.map((f: { field: string }) => f.field).sort(), ['body.colour', 'body.text', 'query.unit']);
      assert.equal((await askBothWays('', { as: 'alice' })).body.error.fields[0].field, 'body');
      assert.equal((await askBothWays('', { as: 'alice', rawBody: '{"text": "x"', headers: { 'content-type': 'application/json' } })).body.error.code, 'invalid_json');
      assert.equal((await askBothWays('', { as: 'alice', rawBody: '{"text": "x"}', headers: { 'content-type': 'text/plain' } })).status, 415);
      assert.equal((await askBothWays('', { as: 'alice', rawBody: '{"__proto__": {"admin": true}, "text": "x"}', headers: { 'content-type': 'application/json' } })).body.error.code, 'forbidden_field_name');
      assert.equal((await askBothWays('', { as: 'alice', body: { text: 'x'.repeat(2_000_000) } })).status, 413);
      assert.equal((await askBothWays('', { as: 'nobody', body: { text: 'x'.repeat(2_000_000) } })).status, 403, 'refused before the body is read');
    });

    it('audits a direct route like any other, with who asked and how it ended', async () => {
      await host.request('POST', '/api/notes/count', { as: 'alice', body: { text: 'audited on the lane' } });
      const rows = await host.db.knex('host_audit').where({ action: 'POST /api/notes/count' }).orderBy('seq');
      const last = rows.at(-1) as { actor_subject: string; tenant_id: string; outcome: number };
      assert.ok(last, 'the question is in the audit trail');
      assert.deepEqual([last.actor_subject, last.tenant_id, last.outcome], ['alice', 'acme', 200]);
    });
  });
});

describe('the direct lane and the app share', () => {
  it('one rate limit per source: requests either way draw from the same allowance', async () => {
    const host = await startTestHost({ server: { rateLimit: { perMinute: 60, burst: 3 } } as never });
    const ask = (path: string) => host.request('POST', path, { as: 'alice', body: { text: 'one two' } });
    const statuses = [await ask('/api/notes/count'), await ask('/api/notes/count/'), await ask('/api/notes/count')].map((res) => res.status);
    assert.deepEqual(statuses, [200, 200, 200]);
    for (const path of ['/api/notes/count', '/api/notes/count/']) {
      const limited = await ask(path);
      assert.equal(limited.status, 429, path);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.equal(limited.headers['retry-after'], '1');
      assert.equal(limited.headers['ratelimit-remaining'], '0');
    }
    await host.dispose();
  });

  it('behind a trusted proxy, one source address: the forwarded one, read alike both ways', async () => {
    const host = await startTestHost({ server: { trustProxy: true, rateLimit: { perMinute: 60, burst: 2 } } as never });
    const ask = (path: string, from: string) => host.request('POST', path, { as: 'alice', body: { text: 'x' }, headers: { 'x-forwarded-for': `${from}, 10.9.9.9` } });
    const statuses = [await ask('/api/notes/count', '203.0.113.7'), await ask('/api/notes/count/', '203.0.113.7'), await ask('/api/notes/count', '203.0.113.7')].map((res) => res.status);
    assert.deepEqual(statuses, [200, 200, 429], 'the lane and the app draw on the forwarded address\'s one allowance');
    assert.equal((await ask('/api/notes/count/', '198.51.100.4')).status, 200, 'another forwarded address has its own');
    await host.dispose();
  });

  it('CORS: with origins configured, a cross-origin question goes the app\'s way and gets its CORS headers', async () => {
    const host = await startTestHost({ cors: { origins: ['https://ops.example.com'] } });
    const res = await host.request('POST', '/api/notes/count', { as: 'alice', body: { text: 'a b c' }, headers: { origin: 'https://ops.example.com' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'https://ops.example.com');
    assert.equal(res.body.count, 3);
    await host.dispose();
  });
});

describe('the direct lane, when an answer cannot be written', () => {
  it('ends that one connection and goes on serving, instead of stopping the process', async () => {
    const dispatcher = new Dispatcher({ identity: { resolve: async () => null }, audit: { append: async () => { throw new Error('not expected'); } }, log: pino({ level: 'silent' }), bodyLimitBytes: 1024 });
    const plugin = dispatcher.forPlugin('probe', { entitlements: {} });
    const publicRoute = { access: { public: true, reason: 'a test' }, audit: false, direct: true } as const;
    // A header value HTTP forbids (a line break): Node refuses to write it.
    plugin.route({ ...publicRoute, method: 'GET', path: '/broken', handler: () => reply(200, { ok: false }, { 'X-Broken': 'a\nb' }) } as RouteDefinition);
    plugin.route({ ...publicRoute, method: 'GET', path: '/fine', handler: () => ({ ok: true }) } as RouteDefinition);
    plugin.commit();
    const server = createServer(directLane({ dispatcher, log: pino({ level: 'silent' }), trustProxy: false, corsOrigins: [] }, (_req, res) => res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await assert.rejects(send(base, 'GET', '/api/probe/broken'), /socket hang up|ECONNRESET/);
      const fine = await send(base, 'GET', '/api/probe/fine');
      assert.equal(fine.status, 200);
      assert.deepEqual(fine.body, { ok: true });
      assert.equal((await send(base, 'GET', '/elsewhere')).status, 404, 'other requests go on to the app');
    } finally {
      server.close();
    }
  });
});
