/**
 * One benchmark target per process, so the load generator never shares an event loop with it:
 *   koa         the handler on a plain Koa app and router: the floor
 *   bare        the handler mounted bare on the host's middleware stack (request id, security
 *               headers, access log, error handler), where the dispatcher would be
 *   dispatcher  the same handler through the dispatcher (identity, entitlement, validation of
 *               params, query and response) on the same stack
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import pino from 'pino';
import type { Identity } from '@switchboard/sdk';
import { Dispatcher, projectRoot } from '@switchboard/host';
import { FixtureIdentityResolver } from '@switchboard/host/dist/identity/fixture-resolver.js';
import { createApp } from '@switchboard/host/dist/server/app.js';

const echo = (word: string, n: number, identity: Identity | null) => ({ word, n, tenant: identity?.tenantId ?? 'none' });

const schemas = {
  params: { type: 'object', required: ['word'], properties: { word: { type: 'string', pattern: '^[a-z]{1,20}$' } } },
  query: { type: 'object', additionalProperties: false, properties: { n: { type: 'integer', minimum: 0, maximum: 1000 } } },
  response: {
    type: 'object',
    additionalProperties: false,
    required: ['word', 'n', 'tenant'],
    properties: { word: { type: 'string' }, n: { type: 'integer' }, tenant: { type: 'string' } },
  },
};

const log = pino({ level: 'silent' });
const hostStack = (handler: Koa.Middleware) => createApp({ log, trustProxy: false, corsOrigins: [], isReady: async () => true, handlers: [handler] });

function bareRouter(): Router {
  const router = new Router();
  router.get('/api/bench/echo/:word', (ctx) => {
    ctx.body = echo(ctx.params.word!, Number(ctx.query.n ?? 0), null);
  });
  return router;
}

function koa(): Koa {
  const app = new Koa();
  app.use(bareRouter().routes() as Koa.Middleware);
  return app;
}

function dispatched(): Koa {
  const audit = { append: async () => { throw new Error('reads are not audited'); } };
  const dispatcher = new Dispatcher({ identity: new FixtureIdentityResolver(`${projectRoot}test/bench/identities.json`), audit, log, bodyLimitBytes: 1 << 20 });
  const plugin = dispatcher.forPlugin('bench', { entitlements: { 'echo.read': 'Echo' } });
  plugin.route<{ word: string }, { n?: number }>({
    method: 'GET',
    path: '/echo/:word',
    access: { entitlement: 'echo.read' },
    schemas,
    handler: ({ params, query, identity }) => echo(params.word, query.n ?? 0, identity),
  });
  plugin.commit();
  return hostStack(dispatcher.middleware());
}

const mode = process.argv[2];
const targets: Record<string, () => Koa> = { koa, bare: () => hostStack(bareRouter().routes() as Koa.Middleware), dispatcher: dispatched };
const app = targets[mode ?? '']?.();
if (!app) throw new Error('usage: dispatch-server koa|bare|dispatcher');
const server = createServer({ keepAliveTimeout: 30_000 }, app.callback());
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
