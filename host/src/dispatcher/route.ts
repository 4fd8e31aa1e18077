import type { ValidateFunction } from 'ajv';
import type { HttpMethod, Identity, JSONSchemaType, RawBody, ResourceScope, RouteAccess, ScopeSource, ServerSentEvent } from '@switchboard/sdk';

/** What the dispatcher hands to whatever runs the route: in this process or in a worker. */
export interface RouteCall {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  identity: Identity | null;
  scope: ResourceScope;
  requestId: string;
  headers: Record<string, string | undefined>;
}

export interface RouteOutcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Server-Sent Events to write instead of a body (an EventStreamReply). */
  events?: AsyncIterable<ServerSentEvent>;
}

/** A route's declaration without its handler: what a worker sends the front host. */
export interface RouteDescription {
  method: HttpMethod;
  path: string;
  access: RouteAccess;
  schemas?: { params?: JSONSchemaType; query?: JSONSchemaType; body?: JSONSchemaType; response?: JSONSchemaType };
  rawBody?: RawBody;
  audit?: boolean;
  summary?: string;
  direct?: boolean;
}

/** A route as the dispatcher holds it once registered: checked, compiled, ready to run. */
export interface RegisteredRoute {
  pluginId: string;
  description: RouteDescription;
  /** `notes:notes.read`, or null for a public route. */
  entitlement: string | null;
  scopeSource: ScopeSource | null;
  audited: boolean;
  validate: {
    params?: ValidateFunction;
    query?: ValidateFunction;
    body?: ValidateFunction;
    response?: ValidateFunction;
  };
  /** Runs the route: the plugin's handler here, or a call to its worker. */
  invoke(call: RouteCall): Promise<RouteOutcome>;
}
