import cors from '@koa/cors';
import type { Middleware } from 'koa';

/**
 * Cross-origin calls to /api only from the configured origins. With none configured, no CORS
 * header is ever sent, so browsers keep the API same-origin.
 */
export function corsForConfiguredOrigins(origins: readonly string[]): Middleware {
  if (origins.length === 0) return (_ctx, next) => next();
  const allowed = new Set(origins);
  const middleware = cors({
    origin: (ctx) => (allowed.has(ctx.get('origin')) ? ctx.get('origin') : ''),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  return (ctx, next) => (ctx.path.startsWith('/api/') ? middleware(ctx, next) : next());
}
