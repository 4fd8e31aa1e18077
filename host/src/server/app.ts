import Koa, { type Middleware } from 'koa';
import type { Logger } from 'pino';
import { accessLog } from './access-log.js';
import { corsForConfiguredOrigins } from './cors.js';
import { errorHandler } from './error-handler.js';
import { healthRoutes } from './health.js';
import { rateLimit, type RateLimiter } from './rate-limit.js';
import { requestId } from './request-id.js';
import { securityHeaders } from './security-headers.js';

export interface AppParts {
  log: Logger;
  trustProxy: boolean;
  corsOrigins: readonly string[];
  /** Off when absent (benchmarks measure the rest without it); the host shares it with the dispatcher's direct lane. */
  rateLimiter?: RateLimiter;
  isReady: () => Promise<boolean>;
  /** The API (the dispatcher) and then the shell, in that order. */
  handlers: Middleware[];
}

/**
 * The host's Koa app. Order matters: the request id and headers come first so every answer,
 * errors included, carries them; the error handler wraps everything that can throw.
 */
export function createApp(parts: AppParts): Koa {
  const app = new Koa({ proxy: parts.trustProxy });
  app.silent = true;
  app.use(requestId(parts.trustProxy));
  app.use(securityHeaders());
  app.use(accessLog(parts.log));
  app.use(errorHandler(parts.log));
  if (parts.rateLimiter) app.use(rateLimit(parts.rateLimiter));
  app.use(healthRoutes(parts.isReady));
  app.use(corsForConfiguredOrigins(parts.corsOrigins));
  for (const handler of parts.handlers) app.use(handler);
  return app;
}
