import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from 'pino';
import { logRequest } from '../server/access-log.js';
import { errorAnswer } from '../server/error-handler.js';
import type { RateLimiter } from '../server/rate-limit.js';
import { clientIp, requestOrigin } from '../server/raw-request.js';
import { requestIdOf } from '../server/request-id.js';
import { SECURITY_HEADERS } from '../server/security-headers.js';
import type { DispatchRequest, Dispatcher } from './dispatcher.js';
import type { RegisteredRoute, RouteOutcome } from './route.js';

export interface DirectLaneOptions {
  dispatcher: Dispatcher;
  log: Logger;
  trustProxy: boolean;
  /** The Koa app's limiter: one allowance per source, whichever way its requests go. */
  rateLimiter?: RateLimiter;
  /** With origins allowed cross-origin, a request naming its Origin goes the app's way, which answers CORS. */
  corsOrigins: readonly string[];
}

/**
 * The HTTPS server's request listener: a request for a direct route (RouteDefinition.direct, such
 * as the routing query a SIP proxy asks per call) is answered here; every other goes on to `app`,
 * the Koa app. Why: Koa and the app's middleware cost a small query more CPU than the query itself
 * (test/bench/routing-http.ts measures both ways). The lane does what that middleware does for an
 * API request (request id, security headers, no-store, rate limit, the one error shape, the access
 * log) and leaves identity, entitlement, validation and audit to the dispatcher, as on the app.
 */
export function directLane(options: DirectLaneOptions, app: RequestListener): RequestListener {
  const { dispatcher, corsOrigins } = options;
  return (req, res) => {
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const route = dispatcher.directRoute(req.method ?? '', path);
    if (!route || (corsOrigins.length > 0 && req.headers.origin !== undefined)) return app(req, res);
    serve(options, route, req, res, path, mark === -1 ? '' : url.slice(mark + 1)).catch((error: unknown) => {
      // Only writing the answer can get here (a header a handler gave that HTTP forbids): never
      // an unhandled rejection, which would stop the process; the caller sees the connection end.
      options.log.error({ err: error, method: req.method, path }, 'the direct lane could not write its answer');
      res.destroy();
    });
  };
}

async function serve(options: DirectLaneOptions, route: RegisteredRoute, req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
  const { log, trustProxy, rateLimiter } = options;
  const started = process.hrtime.bigint();
  const method = req.method!;
  const state: DispatchRequest['state'] = { requestId: requestIdOf(req.headers['x-request-id'], trustProxy) };
  const headers: Record<string, string> = {};
  let answer: Pick<RouteOutcome, 'status' | 'body' | 'headers'>;
  try {
    const ip = clientIp(req, trustProxy);
    if (rateLimiter) {
      headers['RateLimit-Limit'] = rateLimiter.limit;
      headers['RateLimit-Remaining'] = '0'; // what a refused request is told; take() throws 429 then
      headers['RateLimit-Remaining'] = rateLimiter.take(ip);
    }
    const outcome = await options.dispatcher.answer(route, {
      state,
      identity: { headers: req.headers, ip, method, origin: requestOrigin(req, trustProxy) },
      method,
      path,
      params: {},
      query: search ? { ...parseQuery(search) } : {},
      req,
    });
    if (outcome.events) throw new Error(`direct route ${method} ${path} answered with an event stream, which only the app can write`);
    answer = outcome;
  } catch (error) {
    answer = errorAnswer(error, { requestId: state.requestId, method, path }, log);
  }
  write(res, state.requestId, answer.status, { ...headers, ...answer.headers }, answer.body);
  if (log.isLevelEnabled('info')) logRequest(log, { requestId: state.requestId, method, path, status: answer.status, started, subject: state.identity?.subject });
}

/** The security headers and no-store, flat as writeHead takes them: the same for every answer. */
const FIXED_HEADERS: readonly string[] = [
  ...SECURITY_HEADERS.flat(),
  // API answers are per caller and often sensitive: never cached (ASVS 14.3.2).
  'Cache-Control',
  'no-store',
];

/**
 * The answer as the app would write it: the same headers, JSON for data, text for a string. In one
 * writeHead with a flat list: a setHeader per header was a visible share of a query's time.
 */
function write(res: ServerResponse, requestId: string, status: number, headers: Record<string, string>, body: unknown): void {
  const out = [...FIXED_HEADERS, 'X-Request-Id', requestId];
  let typed = false;
  for (const name in headers) {
    out.push(name, headers[name]!);
    typed ||= name.toLowerCase() === 'content-type';
  }
  if (body === undefined || status === 204 || status === 304) return void res.writeHead(status, out).end();
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (!typed) out.push('Content-Type', typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
  out.push('Content-Length', String(Buffer.byteLength(text)));
  res.writeHead(status, out).end(text);
}
