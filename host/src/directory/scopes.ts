import type { ResourceScope } from '@switchboard/sdk';

/** How many resource ids one grant may list; beyond that, a role over everything is the honest grant. */
export const MAX_SCOPE_ITEMS = 1_000;
const MAX_RESOURCE_ID = 200;

/** Two grants of one entitlement together: '*' wins, lists unite. */
export function mergeScopes(a: ResourceScope, b: ResourceScope): ResourceScope {
  if (a === '*' || b === '*') return '*';
  return [...new Set([...a, ...b])].sort();
}

/** True when holding `held` covers giving `wanted`: delegation never widens a scope. */
export function scopeCovers(held: ResourceScope, wanted: ResourceScope): boolean {
  if (held === '*') return true;
  if (wanted === '*') return false;
  const have = new Set(held);
  return wanted.every((resource) => have.has(resource));
}

/** The scope of a grant request (absent means every resource), or what is wrong with it. */
export function readScope(input: unknown): { scope: ResourceScope } | { problem: string } {
  if (input === undefined || input === null || input === '*') return { scope: '*' };
  if (!Array.isArray(input)) return { problem: 'must be "*" or a list of resource ids' };
  if (input.length === 0) return { problem: 'must list at least one resource id (or be "*" for all)' };
  if (input.length > MAX_SCOPE_ITEMS) return { problem: `must list at most ${MAX_SCOPE_ITEMS} resource ids` };
  for (const item of input) {
    if (typeof item !== 'string' || item.length === 0 || item.length > MAX_RESOURCE_ID || item === '*') {
      return { problem: `must list resource ids: non-empty strings of at most ${MAX_RESOURCE_ID} characters` };
    }
  }
  return { scope: [...new Set(input as string[])].sort() };
}

/** Stored as JSON text; null means every resource. */
export const scopeToColumn = (scope: ResourceScope): string | null => (scope === '*' ? null : JSON.stringify(scope));

export function scopeFromColumn(text: string | null): ResourceScope {
  if (text === null) return '*';
  return JSON.parse(text) as string[];
}
