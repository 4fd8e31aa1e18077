/**
 * Who is calling. The host's identity layer (sessions, bearer tokens, worker assertions)
 * produces an Identity; the dispatcher and plugins only ever read it.
 */
export type ResourceScope = '*' | readonly string[];

export interface Identity {
  /** A person signed in through the shell, an API client (automation, network element), or a fixture in tests. */
  kind: 'user' | 'client' | 'fixture';
  /** Stable id of the user or client. */
  subject: string;
  /** Display name, for audit trails and the shell. */
  name?: string;
  /** The tenant the caller belongs to. */
  tenantId: string;
  /** The caller's tenant and every tenant below it: the rows this caller may ever see. */
  tenants: readonly string[];
  /**
   * Qualified entitlement (`toll-free:plans.write`) -> the resources it covers:
   * '*' for all of the tenant's resources, or a list of resource ids (these numbers, these circuits).
   */
  grants: Readonly<Record<string, ResourceScope>>;
}

/** Turns a request's credentials into an Identity, or null when there are none. Throwing rejects the request. */
export interface IdentityResolver {
  resolve(request: IdentityRequest): Promise<Identity | null>;
}

export interface IdentityRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  ip: string;
  /** The HTTP method: credentials a browser sends by itself (cookies) need proof on unsafe ones. */
  method: string;
  /** The origin the request came to (`https://portal.example.net`), to check the Origin header against. */
  origin: string;
}

/** The scope the caller holds for an entitlement, or null when they do not hold it. */
export function scopeOf(identity: Pick<Identity, 'grants'> | null | undefined, entitlement: string): ResourceScope | null {
  if (!identity) return null;
  return Object.prototype.hasOwnProperty.call(identity.grants, entitlement) ? identity.grants[entitlement]! : null;
}

/** True when the caller holds the entitlement, for the given resource when one is named. */
export function isEntitled(identity: Pick<Identity, 'grants'> | null | undefined, entitlement: string, resource?: string): boolean {
  const scope = scopeOf(identity, entitlement);
  if (scope === null) return false;
  if (scope === '*' || resource === undefined) return true;
  return scope.includes(resource);
}

/** True when a row of this tenant is visible to the caller. */
export function canSeeTenant(identity: Identity, tenantId: string): boolean {
  return identity.tenants.includes(tenantId);
}
