import type { Identity, ResourceScope } from './identity.js';
import type { JSONSchemaType } from './schema.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Where the resource a route acts on is read from, for scoped grants
 * ("may edit routing of these two numbers only"). Declarative so a remote worker's
 * routes can be checked by the front host without running plugin code.
 */
export type ScopeSource = { param: string } | { query: string } | { body: string };

/** Who may call a route. There is no default: a route that says neither does not register. */
export type RouteAccess =
  | { entitlement: string; scope?: ScopeSource }
  | { public: true; reason: string };

/**
 * JSON schemas of a route's parts, checked with the host's ajv. A definition under a schema's
 * `$defs` that has its own `$id` is shared: the host adds it once and every schema naming that id
 * uses the one compiled copy, so a large definition that many routes take (the toll-free plan)
 * costs its compile once per process. An `$id` names one schema for the whole host.
 */
export interface RouteSchemas {
  params?: JSONSchemaType;
  query?: JSONSchemaType;
  body?: JSONSchemaType;
  /** Schema of a successful (2xx) response body; the dispatcher checks what the handler returns. */
  response?: JSONSchemaType;
}

/**
 * A body the handler reads as it arrives (NDJSON batches, CSV files) instead of parsed JSON. The
 * dispatcher checks identity, entitlement, params and query first, refuses other content types
 * (415) and more than `maxBytes` (413, also mid-stream), and hands the bytes over as they come.
 */
export interface RawBody {
  /** Accepted media types, as `text/csv` or `application/x-ndjson`. */
  contentTypes: readonly string[];
  maxBytes: number;
}

/** What a handler of a `rawBody` route gets as `body`. */
export type BodyStream = AsyncIterable<Uint8Array>;

export interface RouteRequest<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  params: P;
  query: Q;
  /** Parsed and validated JSON, or a BodyStream on a `rawBody` route. */
  body: B;
  /** Null only on public routes. */
  identity: Identity | null;
  /**
   * The resources the caller may act on through this route's entitlement: '*' or a list.
   * Handlers that list things filter by it; routes with a `scope` source are already checked.
   */
  scope: ResourceScope;
  requestId: string;
  /** Request headers, lower-case names (credentials and cookies removed). */
  headers: Readonly<Record<string, string | undefined>>;
}

/** A handler's answer when it is not a plain 200 with a JSON body. */
export class Reply<T = unknown> {
  constructor(
    readonly status: number,
    readonly body?: T,
    readonly headers: Record<string, string> = {},
  ) {}
}
export const reply = <T>(status: number, body?: T, headers?: Record<string, string>) => new Reply(status, body, headers);

/** One Server-Sent Event. `id` is what a reconnecting client sends back as Last-Event-ID. */
export interface ServerSentEvent {
  id?: string;
  event?: string;
  data: unknown;
}

/**
 * A handler's answer that stays open: Server-Sent Events, written as the iterable yields them
 * (JSON data), with a heartbeat while it is quiet. The stream ends when the client goes away
 * (the iterable is then returned) or the iterable ends. Runs in the front host only.
 */
export class EventStreamReply {
  constructor(readonly events: AsyncIterable<ServerSentEvent>) {}
}
export const eventStream = (events: AsyncIterable<ServerSentEvent>) => new EventStreamReply(events);

/** The Last-Event-ID a reconnecting client sent (the header, as browsers send it), if any. */
export const lastEventId = (request: Pick<RouteRequest, 'headers'>): string | undefined => request.headers['last-event-id'] || undefined;

export type RouteHandler<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> = (
  request: RouteRequest<P, Q, B>,
) => unknown | Promise<unknown>;

export interface RouteDefinition<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  method: HttpMethod;
  /** Relative to `/api/<plugin id>`, with `:name` parameters: `/notes/:id`. */
  path: string;
  access: RouteAccess;
  schemas?: RouteSchemas;
  /** Take the body as a stream of bytes instead of JSON; exclusive with `schemas.body`. */
  rawBody?: RawBody;
  /** Write an audit entry. Defaults to true for every method but GET. */
  audit?: boolean;
  /** Short words for the audit trail and logs, such as "create note". */
  summary?: string;
  /**
   * Served on the host's direct lane: answered by the HTTPS server's own request listener, ahead of
   * the web app's middleware, with the same checks (request id, security headers, rate limit,
   * identity, entitlement and scope, validation, audit, access log). For a question a machine asks
   * per call, where a fraction of a millisecond counts. Needs a fixed path (no `:parameters`), a
   * JSON body or none, and a handler that never answers with an event stream.
   */
  direct?: boolean;
  handler: RouteHandler<P, Q, B>;
}

/** The dispatcher as a plugin sees it: routes go here, never onto the HTTP app. */
export interface PluginDispatcher {
  route<P = Record<string, string>, Q = Record<string, unknown>, B = unknown>(definition: RouteDefinition<P, Q, B>): void;
}
