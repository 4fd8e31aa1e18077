import type { Middleware } from 'koa';
import { ApiError } from '@switchboard/sdk';
import type { Logger } from 'pino';

/**
 * The last word on errors. ApiErrors become the one error shape; anything else is logged in full and
 * answered with a fixed text and the request id, never the thrown message (ASVS 16.5.1).
 */
export function errorHandler(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const requestId = ctx.state.requestId as string | undefined;
      if (error instanceof ApiError) {
        if (error.status >= 500) log.error({ err: error, requestId }, 'request failed');
        ctx.status = error.status;
        if (error.headers) ctx.set(error.headers);
        ctx.body = error.toBody(requestId);
        return;
      }
      log.error({ err: error, requestId, method: ctx.method, path: ctx.path }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal_error', message: 'Something went wrong on our side. Quote the request id if you contact support.', requestId } };
    }
  };
}
