import assert from 'node:assert/strict';
import pino from 'pino';
import type { RouteDefinition } from '@switchboard/sdk';
import { Dispatcher, RouteRegistrationError } from '@switchboard/host';

const manifest = { entitlements: { 'plans.read': 'See plans', 'plans.write': 'Edit plans' } };

function register(definition: Partial<RouteDefinition>) {
  const dispatcher = new Dispatcher({
    identity: { resolve: async () => null },
    audit: { append: async () => { throw new Error('not expected'); } },
    log: pino({ level: 'silent' }),
    bodyLimitBytes: 1024,
  });
  const plugin = dispatcher.forPlugin('toll-free', manifest);
  plugin.route({ method: 'GET', path: '/plans', handler: () => ({}), ...definition } as RouteDefinition);
  plugin.commit();
  return dispatcher;
}

const refusal = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof RouteRegistrationError);
  assert.match(error.message, pattern);
  return true;
};

describe('route registration', () => {
  it('refuses a route that names no entitlement', () => {
    assert.throws(() => register({}), refusal(/^Plugin "toll-free" cannot register GET \/plans: it declares no entitlement/));
  });

  it('refuses an entitlement the manifest does not declare', () => {
    assert.throws(() => register({ access: { entitlement: 'plans.delete' } }), refusal(/entitlement "plans\.delete" is not declared in the plugin's manifest/));
  });

  it('wants a public route to say so, with a reason', () => {
    assert.throws(() => register({ access: { public: true } as never }), refusal(/a public route must say `public: true` and give a reason/));
    const dispatcher = register({ access: { public: true, reason: 'status page' } });
    assert.equal(dispatcher.routes()[0]!.entitlement, null);
  });

  it('wants a schema for every body it accepts', () => {
    assert.throws(() => register({ method: 'POST', access: { entitlement: 'plans.write' } }), refusal(/must give its JSON schema \(schemas.body\)/));
  });

  it('serves on the direct lane only a fixed path with a JSON body, and finds it by its exact path', () => {
    const raw = { contentTypes: ['text/csv'], maxBytes: 1024 };
    assert.throws(() => register({ path: '/plans/:id', access: { entitlement: 'plans.read' }, direct: true }), refusal(/a direct route has a fixed path, without parameters/));
    assert.throws(() => register({ method: 'POST', access: { entitlement: 'plans.write' }, rawBody: raw, direct: true }), refusal(/a direct route takes a JSON body, not a stream/));
    const dispatcher = register({ method: 'POST', path: '/route', access: { entitlement: 'plans.read' }, schemas: { body: { type: 'object' } }, direct: true });
    assert.ok(dispatcher.directRoute('POST', '/api/toll-free/route'));
    for (const [method, path] of [['GET', '/api/toll-free/route'], ['POST', '/api/toll-free/route/'], ['POST', '/api/Toll-Free/route']] as const) {
      assert.equal(dispatcher.directRoute(method, path), undefined, `${method} ${path} goes the app's way`);
    }
    assert.equal(register({ access: { entitlement: 'plans.read' } }).directRoute('GET', '/api/toll-free/plans'), undefined, 'a route is not direct unless it says so');
  });

  it('refuses a scope read from a parameter the path lacks', () => {
    assert.throws(
      () => register({ path: '/plans/:id', access: { entitlement: 'plans.read', scope: { param: 'number' } } }),
      refusal(/scope reads path parameter "number", which the path does not have/),
    );
  });

  it('takes a body either as JSON or as a stream, never both, and a stream only with its types and limit', () => {
    const raw = { contentTypes: ['text/csv'], maxBytes: 1024 };
    assert.throws(() => register({ method: 'POST', access: { entitlement: 'plans.write' }, schemas: { body: { type: 'object' } }, rawBody: raw }), refusal(/either as JSON \(schemas.body\) or as a stream \(rawBody\), not both/));
    assert.throws(() => register({ method: 'POST', access: { entitlement: 'plans.write' }, rawBody: { contentTypes: [], maxBytes: 1024 } }), refusal(/needs the content types it accepts and a positive maxBytes/));
    assert.throws(() => register({ method: 'GET', access: { entitlement: 'plans.read' }, rawBody: raw }), refusal(/only POST, PUT and PATCH take a streamed body/));
    assert.doesNotThrow(() => register({ method: 'POST', access: { entitlement: 'plans.write' }, rawBody: raw }));
  });

  it('qualifies entitlements with the plugin id and audits changes by default', () => {
    const dispatcher = register({ method: 'PUT', path: '/plans/:id', access: { entitlement: 'plans.write' }, schemas: { body: { type: 'object' } } });
    const [route] = dispatcher.routes();
    assert.equal(route!.entitlement, 'toll-free:plans.write');
    assert.equal(route!.audited, true);
  });
});
