import Router from '@koa/router';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import {
  ApiError,
  EventStreamReply,
  Reply,
  forbidden,
  notFound,
  scopeOf,
  unauthenticated,
  type AuditLog,
  type BodyStream,
  type Identity,
  type IdentityRequest,
  type IdentityResolver,
  type PluginDispatcher,
  type PluginManifest,
  type RawBody,
  type ResourceScope,
  type RouteDefinition,
} from '@switchboard/sdk';
import { identityRequest } from '../identity/identity-request.js';
import { bodyStream } from '../server/body-stream.js';
import { writeEventStream } from '../server/event-stream.js';
import { readJsonBody } from '../server/json-body.js';
import { describeErrors } from '../validation/ajv.js';
import { compileRoute, RouteRegistrationError } from './compile-route.js';
import { checkInput, readResource } from './read-input.js';
import type { RegisteredRoute, RouteCall, RouteDescription, RouteOutcome } from './route.js';

/** A request as the dispatcher's checks see it, whichever server took it: the Koa app, or the direct lane. */
export interface DispatchRequest {
  /** Shared with the server's access log: the id it gave the request, and the caller found here. */
  state: { requestId: string; identity?: Identity | null };
  identity: IdentityRequest;
  method: string;
  /** The path as requested (`/api/<plugin>/...`). */
  path: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The request itself: its headers, and its body, read once the caller is known to be entitled. */
  req: IncomingMessage;
  /** The body as a stream of bytes, for a route that takes it raw; a server that cannot, leaves it out. */
  bodyStream?: (raw: RawBody) => BodyStream;
}

export interface DispatcherOptions {
  identity: IdentityResolver;
  audit: AuditLog;
  log: Logger;
  bodyLimitBytes: number;
}

/** Headers a client may not use to speak for the host (ASVS 4.1.3), and credentials handlers never need. */
const STRIPPED_HEADERS = /^(authorization|cookie|x-user-|x-tenant-|x-switchboard-)/;

const BODYLESS = new Set(['GET', 'DELETE']);

/**
 * The one way into a plugin. Plugins declare routes here (never on the Koa app); for each request
 * under /api/<plugin>/ the dispatcher resolves the caller, checks entitlement and scope, validates the
 * input, runs the route (in this process or in its worker), validates the output and audits changes.
 */
export class Dispatcher {
  /**
   * A router per plugin: a path under /api/<plugin>/ can only be one of that plugin's routes, so a
   * request is matched against those alone rather than every plugin's (each a regular expression).
   */
  private readonly routers = new Map<string, { router: Router; routes: Middleware; allowed: Middleware }>();
  private readonly registered: RegisteredRoute[] = [];
  /** Routes the direct lane answers, by method and full path (`POST /api/toll-free/route`). */
  private readonly direct = new Map<string, RegisteredRoute>();

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * A plugin's view of the dispatcher. Its routes are held back until `commit` so that a plugin which
   * fails later in loading leaves no route behind.
   */
  forPlugin(pluginId: string, manifest: Pick<PluginManifest, 'entitlements'>): PluginDispatcher & { commit(): void } {
    const pending: RegisteredRoute[] = [];
    return {
      route: (definition) => {
        const { handler, ...description } = definition as RouteDefinition;
        pending.push(compileRoute(pluginId, manifest, description, localInvoker(handler)));
      },
      commit: () => pending.forEach((route) => this.add(route)),
    };
  }

  /** Routes of a plugin that runs in a worker: described by the worker, run by `invoke`. */
  addRemote(
    pluginId: string,
    manifest: Pick<PluginManifest, 'entitlements'>,
    descriptions: RouteDescription[],
    invoke: (route: RouteDescription, call: RouteCall) => Promise<RouteOutcome>,
  ): void {
    const routes = descriptions.map((d) => compileRoute(pluginId, manifest, d, (call) => invoke(d, call)));
    routes.forEach((route) => this.add(route));
  }

  routes(): readonly RegisteredRoute[] {
    return this.registered;
  }

  private add(route: RegisteredRoute): void {
    const { method, path } = route.description;
    const full = `/${route.pluginId}${path === '/' ? '' : path}`;
    if (this.registered.some((r) => r.description.method === method && `/${r.pluginId}${r.description.path}` === full)) {
      throw new RouteRegistrationError(route.pluginId, route.description, 'the same method and path are already registered');
    }
    this.registered.push(route);
    if (route.description.direct) this.direct.set(`${method} /api${full}`, route);
    this.routerOf(route.pluginId).register(full, [method], (ctx: Context) => this.dispatch(ctx, route));
  }

  private routerOf(pluginId: string): Router {
    let entry = this.routers.get(pluginId);
    if (!entry) {
      const router = new Router({ prefix: '/api' });
      // The router types its own context; ours is the plain Koa one it extends.
      entry = { router, routes: router.routes() as unknown as Middleware, allowed: router.allowedMethods({ throw: false }) as unknown as Middleware };
      this.routers.set(pluginId, entry);
    }
    return entry.router;
  }

  middleware(): Middleware {
    const noMore = () => Promise.resolve();
    return async (ctx, next) => {
      const path = ctx.path;
      if (!path.startsWith('/api/')) return next();
      // Plugin ids are lower case; the routers match paths regardless of case, as before.
      const end = path.indexOf('/', 5);
      const entry = this.routers.get(path.slice(5, end === -1 ? undefined : end).toLowerCase());
      if (entry) {
        await entry.routes(ctx, () => entry.allowed(ctx, noMore));
        if (ctx.status === 405) throw new ApiError(405, 'method_not_allowed', `Use one of: ${ctx.response.get('Allow')}.`);
      }
      if (ctx.body === undefined && ctx.status === 404) await next();
      if (ctx.body === undefined && ctx.status === 404) throw notFound('There is no such API route.');
    };
  }

  /** The direct route with this method and exact path (`/api/<plugin>/...`), if there is one. */
  directRoute(method: string, path: string): RegisteredRoute | undefined {
    return this.direct.get(`${method} ${path}`);
  }

  private async dispatch(ctx: Context, route: RegisteredRoute): Promise<void> {
    const outcome = await this.answer(route, {
      state: ctx.state as DispatchRequest['state'],
      identity: identityRequest(ctx),
      method: ctx.method,
      path: ctx.path,
      params: { ...(ctx.params as Record<string, string>) },
      // Koa parses the query string afresh for every request that asks; most carry none.
      query: ctx.querystring ? { ...(ctx.query as Record<string, unknown>) } : {},
      req: ctx.req,
      bodyStream: (raw) => bodyStream(ctx, raw),
    });
    if (outcome.events) {
      if (outcome.headers) ctx.set(outcome.headers);
      return writeEventStream(ctx, outcome.events);
    }
    ctx.status = outcome.status;
    if (outcome.headers) ctx.set(outcome.headers);
    if (outcome.body !== undefined) ctx.body = outcome.body;
  }

  /**
   * A request to one of the routes, checked and run whichever server took it: the caller resolved,
   * the entitlement and its scope checked, the input read and validated, the route run, its answer
   * validated and audited. Throws an ApiError for a request that must be refused.
   */
  async answer(route: RegisteredRoute, request: DispatchRequest): Promise<RouteOutcome> {
    const { log } = this.options;
    const { requestId } = request.state;
    const identity = await this.options.identity.resolve(request.identity);
    request.state.identity = identity;

    let scope: ResourceScope = '*';
    if (route.entitlement) {
      if (!identity) throw unauthenticated();
      const held = scopeOf(identity, route.entitlement);
      if (held === null) {
        log.warn({ requestId, subject: identity.subject, entitlement: route.entitlement, path: request.path }, 'authorization refused');
        throw forbidden(`This needs the entitlement ${route.entitlement}.`);
      }
      scope = held;
    }

    const { params, query } = request;
    const raw = route.description.rawBody;
    // A JSON body is read now and checked with the rest; a streamed one is read by the handler, once all else passed.
    const json = raw || BODYLESS.has(request.method) ? undefined : await readJsonBody(request.req, this.options.bodyLimitBytes);
    checkInput([
      ['params', params, route.validate.params],
      ['query', query, route.validate.query],
      ...(raw ? [] : [['body', json, route.validate.body] as ['body', unknown, typeof route.validate.body]]),
    ]);
    const input = { params, query, body: raw ? streamOf(request, raw) : json };

    const resource = route.scopeSource ? readResource(route.scopeSource, input) : undefined;
    if (route.scopeSource && scope !== '*' && (resource === undefined || !scope.includes(resource))) {
      log.warn({ requestId, subject: identity?.subject, entitlement: route.entitlement, resource }, 'authorization refused for resource');
      throw forbidden(`Your grant of ${route.entitlement} does not cover this resource.`, 'forbidden_resource');
    }

    // The request's headers are copied for the call only when something reads them (a handler, or
    // the remote invoker spreading the call): most handlers never do, and the copy was a visible
    // share of a small query's time. A getter in the literal, so spreading and JSON see a plain field.
    let forwarded: RouteCall['headers'] | undefined;
    const call: RouteCall = {
      ...input,
      identity,
      scope,
      requestId,
      get headers() {
        return (forwarded ??= forwardableHeaders(request.req.headers));
      },
    };
    let outcome: RouteOutcome;
    try {
      outcome = await route.invoke(call);
    } catch (error) {
      if (route.audited && identity && error instanceof ApiError) await this.audit(route, identity, call, resource, error.status);
      throw error;
    }
    if (outcome.events) return outcome;
    if (outcome.status < 300 && route.validate.response && outcome.body !== undefined && !route.validate.response(outcome.body)) {
      // The plugin answered something its own schema forbids: fail closed rather than leak fields.
      log.error({ requestId, plugin: route.pluginId, path: route.description.path, problems: describeErrors(route.validate.response.errors) }, 'response does not match its schema');
      throw new ApiError(500, 'internal_error', 'Something went wrong on our side. Quote the request id if you contact support.');
    }
    if (route.audited && identity) await this.audit(route, identity, call, resource, outcome.status);
    return outcome;
  }

  private async audit(route: RegisteredRoute, identity: Identity, call: RouteCall, resource: string | undefined, status: number) {
    await this.options.audit.append({
      actor: { kind: identity.kind, subject: identity.subject, ...(identity.name ? { name: identity.name } : {}) },
      tenantId: identity.tenantId,
      plugin: route.pluginId,
      action: `${route.description.method} /api/${route.pluginId}${route.description.path}`,
      resource: resource ?? firstParam(call.params),
      outcome: status,
      requestId: call.requestId,
      ...(route.description.summary ? { details: { summary: route.description.summary } } : {}),
    });
  }
}

const firstParam = (params: Record<string, string>) => Object.values(params)[0];

function forwardableHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name in headers) {
    if (STRIPPED_HEADERS.test(name)) continue;
    const value = headers[name];
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function streamOf(request: DispatchRequest, raw: RawBody): BodyStream {
  // Registration keeps streamed routes off the direct lane, the one server that cannot stream.
  if (!request.bodyStream) throw new Error('this server cannot stream a request body');
  return request.bodyStream(raw);
}

/** Runs a plugin's handler in this process and turns what it returns into an outcome. */
function localInvoker(handler: RouteDefinition['handler']) {
  return async (call: RouteCall): Promise<RouteOutcome> => {
    const result = await handler(call);
    if (result instanceof EventStreamReply) return { status: 200, events: result.events };
    if (result instanceof Reply) return { status: result.status, body: result.body, headers: result.headers };
    return result === undefined ? { status: 204 } : { status: 200, body: result };
  };
}
