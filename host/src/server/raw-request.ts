import type { IncomingMessage } from 'node:http';

/**
 * What Koa's `ctx.ip` and ownOrigin say of a request, for one served without Koa (the dispatcher's
 * direct lane), with the same trust in a proxy's X-Forwarded-* headers: the leftmost value when the
 * proxy is trusted, the connection's own otherwise.
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
