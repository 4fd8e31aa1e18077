import { forbidden, notFound, scopeOf, type Identity, type ResourceScope } from '@switchboard/sdk';
import type { Actor, PlanStore } from './plan-store.js';
import type { StoredPlan } from './plan-rows.js';

const READ = 'toll-free:plans.read';

export const actorOf = (identity: Identity): Actor => ({ tenants: identity.tenants, by: identity.subject });

/**
 * Whether a grant covers these numbers. Grants of the toll-free entitlements may be scoped to
 * numbers; a plan (or a re-route) acts on all its numbers at once, so the grant must cover every
 * one of them. Only an unscoped grant covers a plan routing no number.
 */
export function coversNumbers(scope: ResourceScope | null, numbers: readonly string[]): boolean {
  if (scope === null) return false;
  if (scope === '*') return true;
  return numbers.length > 0 && numbers.every((number) => scope.includes(number));
}

/**
 * The plan a route acts on, if the caller may: one of another tenant's, or whose numbers the
 * caller may not even read, is a 404 like a plan that does not exist; one they may read but the
 * route's grant does not cover (writing number B's plan with a grant for A only) is a 403.
 */
export async function planInScope(plans: PlanStore, identity: Identity, scope: ResourceScope, planId: string): Promise<StoredPlan> {
  const plan = await plans.get(actorOf(identity), planId);
  if (!plan || !coversNumbers(scopeOf(identity, READ), plan.numbers)) throw notFound('No such routing plan.');
  if (!coversNumbers(scope, plan.numbers)) throw forbidden('Your grant does not cover every number this plan routes.', 'forbidden_resource');
  return plan;
}
