import type { Context, Middleware, Next } from 'koa';
import type { Logger } from 'pino';

/** What an access log line says of a request that has been answered. */
export interface AnsweredRequest {
  requestId: string | undefined;
  method: string;
  path: string;
  status: number;
  /** process.hrtime.bigint() when it arrived. */
  started: bigint;
  subject: string | undefined;
}

/** One structured line per request: who asked what, how it ended, how long it took. */
export function logRequest(log: Logger, request: AnsweredRequest): void {
  const { started, ...fields } = request;
  log.info({ ...fields, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
}

/** The Koa app's access log. */
export function accessLog(log: Logger): Middleware {
  const logged = async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const subject = (ctx.state.identity as { subject?: string } | undefined)?.subject;
      logRequest(log, { requestId: ctx.state.requestId as string | undefined, method: ctx.method, path: ctx.path, status: ctx.status, started, subject });
    }
  };
  // Below its level (a benchmark, a quiet deployment) a request is neither timed nor wrapped.
  // Asked per request: the level can be changed while the process runs.
  return (ctx, next) => (log.isLevelEnabled('info') ? logged(ctx, next) : next());
}
