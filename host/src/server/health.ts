import type { Middleware } from 'koa';

/**
 * `/healthz`: the process is alive. `/readyz`: it should get traffic — started, its database answers,
 * and it is not shutting down (a load balancer stops sending before the in-flight requests finish).
 */
export function healthRoutes(isReady: () => Promise<boolean>): Middleware {
  return async (ctx, next) => {
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      const ready = await isReady().catch(() => false);
      ctx.status = ready ? 200 : 503;
      ctx.body = { status: ready ? 'ready' : 'not ready' };
      return;
    }
    await next();
  };
}
