import { HOST_ENTITLEMENTS } from '@switchboard/sdk';

/** Installed plugin id -> its local entitlement names, as the host builds it from the loaded manifests. */
export type Catalog = ReadonlyMap<string, readonly string[]>;

/** The plugin id under which the directory's own entitlements live (`host:users.write`). */
export const HOST_PLUGIN = 'host';

const hostNames: readonly string[] = Object.freeze(Object.keys(HOST_ENTITLEMENTS));

/**
 * The catalog with the directory's own entitlements under `host`, so that roles (the built-in
 * administrator's `*:*` first of all) match them like any plugin's.
 */
export function withHostEntitlements(catalog: Catalog): Catalog {
  const merged = new Map(catalog);
  merged.set(HOST_PLUGIN, [...new Set([...(catalog.get(HOST_PLUGIN) ?? []), ...hostNames])]);
  return merged;
}

/** Every qualified entitlement of the catalog's plugins that are in `plugins`. */
export function qualifiedEntitlements(catalog: Catalog, plugins: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const [plugin, locals] of catalog) {
    if (!plugins.has(plugin)) continue;
    for (const local of locals) names.push(`${plugin}:${local}`);
  }
  return names;
}
