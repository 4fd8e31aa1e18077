import type { Middleware } from 'koa';
import { ApiError, type ErrorBody } from '@switchboard/sdk';
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
      const answer = errorAnswer(error, { requestId: ctx.state.requestId as string | undefined, method: ctx.method, path: ctx.path }, log);
      ctx.status = answer.status;
      if (answer.headers) ctx.set(answer.headers);
      ctx.body = answer.body;
    }
  };
}

export interface ErrorAnswer {
  status: number;
  headers?: Record<string, string>;
  body: ErrorBody;
}

/** What a request that failed with `error` is answered, logged as it deserves: the Koa app's and the direct lane's one error shape. */
export function errorAnswer(error: unknown, request: { requestId: string | undefined; method: string; path: string }, log: Logger): ErrorAnswer {
  const { requestId } = request;
  if (error instanceof ApiError) {
    if (error.status >= 500) log.error({ err: error, requestId }, 'request failed');
    return { status: error.status, headers: error.headers, body: error.toBody(requestId) };
  }
  log.error({ err: error, requestId, method: request.method, path: request.path }, 'unexpected error');
  return { status: 500, body: { error: { code: 'internal_error', message: 'Something went wrong on our side. Quote the request id if you contact support.', requestId } } };
}
