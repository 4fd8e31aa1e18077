import type { Middleware } from 'koa';

/**
 * `/healthz`: the process is alive. `/readyz`: it should get traffic — started, its database answers,
 * and it is not shutting down (a load balancer stops sending before the in-flight requests finish).
 */
export function healthRoutes(isReady: () => Promise<boolean>): Middleware {
  const ready = async (ctx: Parameters<Middleware>[0]) => {
    const isUp = await isReady().catch(() => false);
    ctx.status = isUp ? 200 : 503;
    ctx.body = { status: isUp ? 'ready' : 'not ready' };
  };
  // Not async: every other request passes straight on, without a promise of its own.
  return (ctx, next) => {
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return Promise.resolve();
    }
    if (ctx.path === '/readyz') return ready(ctx);
    return next();
  };
}
