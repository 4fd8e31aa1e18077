import Koa from 'koa';
import type { Logger } from 'pino';
import { ApiError, type BodyStream } from '@switchboard/sdk';
import type { RegisteredRoute, RouteOutcome } from '../dispatcher/route.js';
import { errorHandler } from '../server/error-handler.js';
import { requestId } from '../server/request-id.js';
import type { AssertionKeys } from './assertion-keys.js';
import { verifyAssertion } from './assertion.js';
import { WORKER_CALL_PATH, WORKER_ROUTES_PATH, type WorkerCall } from './protocol.js';

const MAX_CALL_BYTES = 64 * 1024 * 1024;

/** A streamed body the front host sent whole, as the handler expects it: a stream (of one chunk). */
const oneChunk = ({ base64 }: { base64: string }): BodyStream => ({
  async *[Symbol.asyncIterator]() {
    yield Buffer.from(base64, 'base64');
  },
});

async function readText(req: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CALL_BYTES) throw new ApiError(413, 'payload_too_large', 'The forwarded call is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The HTTP face of a worker process. It trusts nothing but the front host's signature: every call
 * must carry a fresh assertion for this exact payload and one of this worker's plugins.
 */
export function createWorkerApp(options: { routes: readonly RegisteredRoute[]; plugins: readonly string[]; keys: Pick<AssertionKeys, 'publicKey'>; log: Logger }): Koa {
  const { routes, plugins, keys, log } = options;
  const byKey = new Map(routes.map((r) => [`${r.pluginId} ${r.description.method} ${r.description.path}`, r]));
  const app = new Koa();
  app.use(requestId(false));
  app.use(errorHandler(log));
  app.use(async (ctx) => {
    const bearer = ctx.get('authorization').replace(/^Bearer /, '') || undefined;
    if (ctx.method === 'GET' && ctx.path === WORKER_ROUTES_PATH) {
      const claims = await verifyAssertion(keys, bearer, { plugins, payload: '' });
      if (ctx.query.plugin !== claims.plugin) throw new ApiError(400, 'invalid_request', 'The assertion names another plugin.');
      ctx.body = routes.filter((r) => r.pluginId === claims.plugin).map((r) => r.description);
      return;
    }
    if (ctx.method === 'POST' && ctx.path === WORKER_CALL_PATH) {
      const payload = await readText(ctx.req);
      const claims = await verifyAssertion(keys, bearer, { plugins, payload });
      const forwarded = JSON.parse(payload) as WorkerCall;
      const route = forwarded.plugin === claims.plugin ? byKey.get(`${forwarded.plugin} ${forwarded.method} ${forwarded.path}`) : undefined;
      if (!route) throw new ApiError(404, 'not_found', 'This worker has no such route.');
      let outcome: RouteOutcome;
      try {
        const body = route.description.rawBody ? oneChunk(forwarded.call.body as { base64: string }) : forwarded.call.body;
        outcome = await route.invoke({ ...forwarded.call, body, identity: claims.identity });
      } catch (error) {
        if (error instanceof ApiError) {
          outcome = { status: error.status, body: error.toBody(claims.requestId), headers: error.headers };
        } else {
          log.error({ err: error, requestId: claims.requestId, plugin: route.pluginId }, 'unexpected error in plugin handler');
          outcome = { status: 500, body: { error: { code: 'internal_error', message: 'Something went wrong on our side. Quote the request id if you contact support.', requestId: claims.requestId } } };
        }
      }
      if (outcome.events) {
        // An open stream cannot cross the hop yet: answered as the handler's refusal, and closed.
        await (outcome.events as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
        outcome = { status: 501, body: new ApiError(501, 'not_supported_remotely', 'This stream is served only when the service runs in the front host.').toBody(claims.requestId) };
      }
      log.info({ requestId: claims.requestId, plugin: route.pluginId, method: forwarded.method, path: forwarded.path, status: outcome.status }, 'call');
      ctx.set('x-switchboard-outcome', 'handler');
      ctx.body = outcome;
      return;
    }
    throw new ApiError(404, 'not_found', 'Not found.');
  });
  return app;
}
