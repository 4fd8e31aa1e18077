import type { IncomingMessage } from 'node:http';

/**
 * Where a request came from and the origin it came to, read from the request itself so the Koa app
 * and the dispatcher's direct lane (which has no Koa context) agree: the rate limit's bucket and
 * the CSRF check's origin are the same whichever way a request goes. A proxy's X-Forwarded-*
 * headers count only when the proxy is trusted, and then their leftmost value, as Koa reads them.
 */
const firstOf = (header: string | string[] | undefined): string => {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return '';
  const comma = value.indexOf(',');
  return (comma === -1 ? value : value.slice(0, comma)).trim();
};

export const clientIp = (req: IncomingMessage, trustProxy: boolean): string =>
  (trustProxy && firstOf(req.headers['x-forwarded-for'])) || req.socket.remoteAddress || '';

/** The origin the request came to; the host serves HTTPS, so a request reaching it directly is https. */
export function requestOrigin(req: IncomingMessage, trustProxy: boolean): string {
  const host = (trustProxy && firstOf(req.headers['x-forwarded-host'])) || req.headers.host || '';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : (trustProxy && firstOf(req.headers['x-forwarded-proto'])) || 'http';
  return `${protocol}://${host}`;
}
