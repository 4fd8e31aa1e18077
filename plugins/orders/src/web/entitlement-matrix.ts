import type { DirectoryUser, EntitlementSource, Explanation, Scope } from './api.js';

/** What one user may do under one entitlement, and which grants give it. */
export interface MatrixCell {
  scope: Scope;
  sources: EntitlementSource[];
}

export interface MatrixRow {
  user: DirectoryUser;
  /** False when the user or a tenant above is disabled: they can do nothing now, whatever the cells say. */
  active: boolean;
  cells: (MatrixCell | null)[];
}

/** Users × entitlements: each column an entitlement someone holds, grouped by plugin, the directory's last. */
export interface EntitlementMatrix {
  columns: string[];
  rows: MatrixRow[];
}

/**
 * The entitlement matrix from each user's explanation (the directory's account of which grant and
 * role gives what): only the entitlements someone holds become columns, so the table stays as
 * narrow as the account's real use of them.
 */
export function entitlementMatrix(users: readonly DirectoryUser[], explanations: ReadonlyMap<string, Explanation>): EntitlementMatrix {
  const held = new Set<string>();
  for (const explanation of explanations.values()) for (const e of explanation.entitlements) held.add(e.entitlement);
  // The services' own first, the directory's (`host:`) after them: those say more about a person's job.
  // `~` sorts after every letter and digit in code-unit order.
  const directoryLast = (name: string) => (name.startsWith('host:') ? `~${name}` : name);
  const columns = [...held].map(directoryLast).sort().map((name) => name.replace(/^~/, ''));
  const rows = users.map((user): MatrixRow => {
    const explanation = explanations.get(user.id);
    const byName = new Map(explanation?.entitlements.map((e) => [e.entitlement, e]) ?? []);
    return {
      user,
      active: explanation?.active ?? false,
      cells: columns.map((column) => {
        const found = byName.get(column);
        return found ? { scope: found.scope, sources: found.sources } : null;
      }),
    };
  });
  return { columns, rows };
}

/** The plugin of a qualified entitlement (`toll-free:plans.write` -> `toll-free`). */
export const pluginOf = (entitlement: string): string => entitlement.slice(0, entitlement.indexOf(':'));
