import type { PluginManifest } from '@switchboard/sdk';
import { compileSchema } from '../validation/ajv.js';
import type { RegisteredRoute, RouteCall, RouteDescription, RouteOutcome } from './route.js';

/** A route declaration the dispatcher will not take; the message says which and why. */
export class RouteRegistrationError extends Error {
  constructor(pluginId: string, description: Pick<RouteDescription, 'method' | 'path'>, reason: string) {
    super(`Plugin "${pluginId}" cannot register ${description.method} ${description.path}: ${reason}`);
    this.name = 'RouteRegistrationError';
  }
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const PATH = /^(\/(:?[A-Za-z0-9_-]+))*\/?$/;

/**
 * Checks a declaration against the house rules and compiles its schemas once, at registration:
 * an entitlement (or an explicit public reason) on every route, an entitlement the plugin's manifest
 * declares, a body schema wherever a body is accepted, scope sources that name a declared parameter.
 */
export function compileRoute(
  pluginId: string,
  manifest: Pick<PluginManifest, 'entitlements'>,
  description: RouteDescription,
  invoke: (call: RouteCall) => Promise<RouteOutcome>,
): RegisteredRoute {
  const fail = (reason: string) => new RouteRegistrationError(pluginId, description, reason);
  if (!METHODS.has(description.method)) throw fail(`method must be one of ${[...METHODS].join(', ')}`);
  if (!PATH.test(description.path)) throw fail('path must look like /things/:id');

  const access = description.access as Record<string, unknown> | undefined;
  let entitlement: string | null = null;
  if (access && 'public' in access) {
    if (access.public !== true || typeof access.reason !== 'string' || access.reason.trim() === '') {
      throw fail('a public route must say `public: true` and give a reason');
    }
  } else if (access && typeof access.entitlement === 'string' && access.entitlement) {
    const name = access.entitlement;
    entitlement = name.includes(':') ? name : `${pluginId}:${name}`;
    if (!name.includes(':') && !Object.prototype.hasOwnProperty.call(manifest.entitlements, name)) {
      throw fail(`entitlement "${name}" is not declared in the plugin's manifest`);
    }
  } else {
    throw fail('it declares no entitlement (routes are closed unless they name one, or say they are public)');
  }

  const schemas = description.schemas ?? {};
  const raw = description.rawBody;
  if (raw) {
    if (schemas.body) throw fail('a route takes its body either as JSON (schemas.body) or as a stream (rawBody), not both');
    if (!['POST', 'PUT', 'PATCH'].includes(description.method)) throw fail('only POST, PUT and PATCH take a streamed body');
    if (!Array.isArray(raw.contentTypes) || raw.contentTypes.length === 0 || !Number.isInteger(raw.maxBytes) || raw.maxBytes < 1) {
      throw fail('rawBody needs the content types it accepts and a positive maxBytes');
    }
  } else if (['POST', 'PUT', 'PATCH'].includes(description.method) && !schemas.body) {
    throw fail('a route that accepts a body must give its JSON schema (schemas.body), or take it as a stream (rawBody)');
  }
  if (description.direct) {
    if (description.path.includes(':')) throw fail('a direct route has a fixed path, without parameters');
    if (raw) throw fail('a direct route takes a JSON body, not a stream');
  }
  const scopeSource = access && 'scope' in access && access.scope ? (access.scope as RegisteredRoute['scopeSource']) : null;
  if (scopeSource && 'body' in scopeSource && raw) throw fail('a streamed body cannot name the scope resource');
  if (scopeSource && 'param' in scopeSource && !description.path.includes(`:${scopeSource.param}`)) {
    throw fail(`scope reads path parameter "${scopeSource.param}", which the path does not have`);
  }

  const compile = (schema: object | undefined, coerce: boolean) => {
    if (!schema) return undefined;
    try {
      return compileSchema(schema, coerce ? { coerceTypes: 'array' } : {});
    } catch (error) {
      throw fail(`a schema does not compile: ${(error as Error).message}`);
    }
  };
  return {
    pluginId,
    description,
    entitlement,
    scopeSource,
    audited: description.audit ?? description.method !== 'GET',
    validate: {
      params: compile(schemas.params, true),
      query: compile(schemas.query, true),
      body: compile(schemas.body, false),
      response: compile(schemas.response, false),
    },
    invoke,
  };
}
