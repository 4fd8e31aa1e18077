import type { ExplainedEntitlement, IneffectivePattern, ResourceScope } from '@switchboard/sdk';
import type { Catalog } from './catalog.js';
import { expandPattern } from './patterns.js';
import type { GrantWithRole } from './queries.js';
import { mergeScopes, scopeFromColumn } from './scopes.js';

/** What a set of grants comes to in one tenant: the Identity's grants, and the reasons behind them. */
export interface Effective {
  grants: Record<string, ResourceScope>;
  explained: ExplainedEntitlement[];
  ineffective: IneffectivePattern[];
}

/**
 * Expands each grant's role patterns against the installed entitlements, keeping only the services
 * the tenant subscribes to, and merges the scopes of everything that gives one entitlement.
 */
export function effectiveEntitlements(grants: readonly GrantWithRole[], catalog: Catalog, subscribed: ReadonlySet<string>): Effective {
  const byEntitlement = new Map<string, ExplainedEntitlement>();
  const ineffective: IneffectivePattern[] = [];
  for (const { grant, role } of grants) {
    const scope = scopeFromColumn(grant.scope);
    for (const pattern of JSON.parse(role.entitlements) as string[]) {
      const source = { grantId: grant.id, roleId: role.id, roleName: role.name, pattern };
      const { gives, reason } = expandPattern(pattern, catalog, subscribed);
      if (reason) ineffective.push({ ...source, reason });
      for (const entitlement of gives) {
        const entry = byEntitlement.get(entitlement);
        if (entry) {
          entry.scope = mergeScopes(entry.scope, scope);
          entry.sources.push({ ...source, scope });
        } else {
          byEntitlement.set(entitlement, { entitlement, scope, sources: [{ ...source, scope }] });
        }
      }
    }
  }
  const explained = [...byEntitlement.values()].sort((a, b) => (a.entitlement < b.entitlement ? -1 : 1));
  return { grants: Object.fromEntries(explained.map((e) => [e.entitlement, e.scope])), explained, ineffective };
}

/** What a role's patterns give in a tenant, as entitlement -> the one scope given with it. */
export function roleGives(patterns: readonly string[], catalog: Catalog, subscribed: ReadonlySet<string>, scope: ResourceScope): Record<string, ResourceScope> {
  const gives: Record<string, ResourceScope> = {};
  for (const pattern of patterns) {
    for (const entitlement of expandPattern(pattern, catalog, subscribed).gives) gives[entitlement] = scope;
  }
  return gives;
}
