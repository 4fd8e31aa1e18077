import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Every request gets an id that logs, audit entries and error bodies carry. A well-formed id from
 * a trusted load balancer is kept so one request can be followed across processes.
 */
export function requestId(trustProxy: boolean): Middleware {
  // Not async: nothing to do after the rest, so no promise of its own per request.
  return (ctx, next) => {
    const id = requestIdOf(ctx.req.headers['x-request-id'], trustProxy);
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    return next();
  };
}

/** The id of a request that came with this X-Request-Id header: kept when trusted and well formed, else a new one. */
export function requestIdOf(incoming: string | string[] | undefined, trustProxy: boolean): string {
  return trustProxy && typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
}
