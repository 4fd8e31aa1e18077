import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** One structured line per request: who asked what, how it ended, how long it took. */
export function accessLog(log: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      if (log.isLevelEnabled('info')) {
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
    }
  };
}
