import type { Knex } from 'knex';
import type { Identity, ResourceScope, SubjectRef } from '@switchboard/sdk';
import type { Catalog } from './catalog.js';
import { effectiveEntitlements, type Effective } from './effective.js';
import type { LoadedIdentity } from './identity-cache.js';
import { disabledOnPath, effectiveSubscriptions, findSubject, findTenant, grantsOf, subtreeIds } from './queries.js';

/**
 * Reads a user's or client's Identity from the directory: their tenant and every tenant below it,
 * and the entitlements their grants give in their tenant. Null when the subject does not exist,
 * is disabled, or belongs to a tenant that is (or lies below one that is) disabled.
 */
export async function loadIdentity(k: Knex, catalog: Catalog, subject: SubjectRef): Promise<LoadedIdentity> {
  const found = await findSubject(k, subject);
  if (!found) return { identity: null, tenantId: null };
  const tenantId = found.tenantId;
  if (found.status === 'disabled') return { identity: null, tenantId };
  const tenant = await findTenant(k, tenantId);
  if (!tenant || (await disabledOnPath(k, tenant.path))) return { identity: null, tenantId };
  const [tenants, subscribed, grants] = await Promise.all([
    subtreeIds(k, tenant.path),
    effectiveSubscriptions(k, tenant, catalog),
    grantsOf(k, subject),
  ]);
  const identity: Identity = {
    kind: subject.kind,
    subject: subject.id,
    name: found.name,
    tenantId,
    tenants,
    grants: effectiveEntitlements(grants, catalog, subscribed).grants,
  };
  return { identity: deepFreeze(identity), tenantId };
}

/** What a subject's grants give in their tenant, with the reasons, and the tenant's services. */
export async function entitlementsOf(k: Knex, catalog: Catalog, subject: SubjectRef, tenantId: string): Promise<Effective & { subscriptions: Set<string> }> {
  const tenant = await findTenant(k, tenantId);
  if (!tenant) throw new Error(`The tenant "${tenantId}" of ${subject.kind} "${subject.id}" has no row`);
  const [subscriptions, grants] = await Promise.all([effectiveSubscriptions(k, tenant, catalog), grantsOf(k, subject)]);
  return { ...effectiveEntitlements(grants, catalog, subscriptions), subscriptions };
}

/** One cached Identity is shared by every request of its subject: nobody may change it in place. */
function deepFreeze(identity: Identity): Identity {
  for (const scope of Object.values(identity.grants) as ResourceScope[]) Object.freeze(scope);
  Object.freeze(identity.grants);
  Object.freeze(identity.tenants);
  return Object.freeze(identity);
}
