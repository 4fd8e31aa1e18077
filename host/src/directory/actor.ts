import { ApiError, forbidden, isEntitled, scopeOf, type AuditInput, type Identity, type ResourceScope, type SubjectRef } from '@switchboard/sdk';
import { HOST_PLUGIN } from './catalog.js';
import { scopeCovers } from './scopes.js';

/**
 * Who is making a directory change: a caller with an Identity, whose rights are checked, or the
 * trusted operator at the command line (seeding, recovery), who is bound only by the data's own
 * rules (tree shape, subscriptions within the parent's, unique logins).
 */
export const OPERATOR = 'operator';
export type Actor = Identity | typeof OPERATOR;

export const isOperator = (actor: Actor): actor is typeof OPERATOR => actor === OPERATOR;

/** The id recorded as the author of a change (`granted_by`, `created_by`). */
export const actorId = (actor: Actor): string => (isOperator(actor) ? OPERATOR : actor.subject);

export const auditActor = (actor: Actor): AuditInput['actor'] =>
  isOperator(actor)
    ? { kind: OPERATOR, subject: OPERATOR }
    : { kind: actor.kind, subject: actor.subject, ...(actor.name ? { name: actor.name } : {}) };

/** Refuses unless the actor holds the directory entitlement `host:<name>`. */
export function requireEntitlement(actor: Actor, name: string): void {
  if (isOperator(actor)) return;
  const entitlement = `${HOST_PLUGIN}:${name}`;
  if (!isEntitled(actor, entitlement)) throw forbidden(`This needs the entitlement ${entitlement}.`);
}

/** True when the actor may see rows of the tenant: it is theirs or below it. */
export const canSee = (actor: Actor, tenantId: string): boolean => isOperator(actor) || actor.tenants.includes(tenantId);

/** The tenant is strictly below the actor's own: the only tenants whose standing the actor may change. */
export const isBelow = (actor: Actor, tenantId: string): boolean =>
  isOperator(actor) || (tenantId !== actor.tenantId && actor.tenants.includes(tenantId));

export const isSelf = (actor: Actor, subject: SubjectRef): boolean =>
  !isOperator(actor) && actor.kind === subject.kind && actor.subject === subject.id;

/**
 * Refuses unless the actor holds every entitlement in `gives` over at least its scope: nobody
 * hands on more than they have. The message names what is missing, so an administrator can act on it.
 */
export function requireDelegable(actor: Actor, gives: Readonly<Record<string, ResourceScope>>): void {
  if (isOperator(actor)) return;
  const missing: string[] = [];
  const narrower: string[] = [];
  for (const [entitlement, scope] of Object.entries(gives)) {
    const held = scopeOf(actor, entitlement);
    if (held === null) missing.push(entitlement);
    else if (!scopeCovers(held, scope)) narrower.push(entitlement);
  }
  if (missing.length === 0 && narrower.length === 0) return;
  const parts: string[] = [];
  if (missing.length) parts.push(`you do not hold ${list(missing)}`);
  if (narrower.length) parts.push(`you hold ${list(narrower)} for fewer resources`);
  throw new ApiError(403, 'grant_exceeds_own', `You can only give what you hold yourself: ${parts.join('; ')}.`);
}

function list(names: string[]): string {
  const shown = names.sort().slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
