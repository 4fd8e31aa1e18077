import type { Middleware } from 'koa';

/**
 * ASVS V3.4 headers on every response. The shell is built with no inline script or style, so the
 * policy allows only the host's own files; `base-uri 'none'` and `frame-ancestors 'none'` are
 * stricter than common library defaults on purpose (see shared/domain/security.md §1.7).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/** The headers every answer carries (the dispatcher's direct lane sets them too). */
export const SECURITY_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = Object.entries({
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
});

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    // Straight onto the response: Koa's ctx.set(object) walks and re-checks the same constant set per request.
    for (const [name, value] of SECURITY_HEADERS) ctx.res.setHeader(name, value);
    try {
      await next();
    } finally {
      // API answers are per caller and often sensitive: never cached (ASVS 14.3.2).
      if (ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store');
      ctx.remove('X-Powered-By');
    }
  };
}
