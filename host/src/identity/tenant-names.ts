import { OPERATOR, type Directory } from '../directory/index.js';

const TTL_MS = 60_000;

/**
 * Tenant names for the shell's header, remembered for a minute: asked on every page load, changed
 * almost never, and a rename showing a minute late harms nobody.
 */
export function tenantNames(directory: Directory): (tenantId: string) => Promise<string | null> {
  const known = new Map<string, { name: string | null; at: number }>();
  return async (tenantId) => {
    const hit = known.get(tenantId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.name;
    const name = (await directory.getTenant(OPERATOR, tenantId).catch(() => null))?.name ?? null;
    if (known.size > 10_000) known.clear();
    known.set(tenantId, { name, at: Date.now() });
    return name;
  };
}
