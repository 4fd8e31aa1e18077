import type { Context, Middleware, Next } from 'koa';
import type { Logger } from 'pino';

/** One structured line per request: who asked what, how it ended, how long it took. */
export function accessLog(log: Logger): Middleware {
  const logged = async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      log.info(
        {
          requestId: ctx.state.requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          subject: (ctx.state.identity as { subject?: string } | undefined)?.subject,
        },
        'request',
      );
    }
  };
  // Below its level (a benchmark, a quiet deployment) a request is neither timed nor wrapped.
  // Asked per request: the level can be changed while the process runs.
  return (ctx, next) => (log.isLevelEnabled('info') ? logged(ctx, next) : next());
}
