// The directory's tenants (/api/host/tenants) as the Customers page uses them (the route's schema is the authority).

export type TenantKind = 'carrier' | 'reseller' | 'customer';

export interface DirectoryTenant {
  id: string;
  parentId: string | null;
  kind: TenantKind;
  name: string;
  path: string;
  status: 'active' | 'disabled';
  /** A theme id, or null: the brand of the tenant above. */
  theme: string | null;
}

/** A tenant below the caller's, with the services (plugin ids) it subscribes to. */
export interface TenantBelow extends DirectoryTenant {
  services: string[];
}

/** The directory lists `host` among every tenant's services; it is implied, never chosen. */
export const chosenServices = (plugins: readonly string[]): string[] => plugins.filter((plugin) => plugin !== 'host');

/** The kinds a tenant may create right below itself: the carrier resellers and customers, a reseller customers. */
export function kindsBelow(kind: TenantKind): TenantKind[] {
  if (kind === 'carrier') return ['reseller', 'customer'];
  if (kind === 'reseller') return ['customer'];
  return [];
}

/** The themes the caller's tree already wears, to suggest: the directory keeps no list of the host's themes. */
export function themesInUse(tenants: readonly DirectoryTenant[]): string[] {
  return [...new Set(tenants.map((t) => t.theme).filter((theme): theme is string => theme !== null))].sort();
}

/** Where a tenant sits, in words: "Customer of Northwind Telecom", or "Customer" when right below the reader's own tenant. */
export function placeOf(tenant: DirectoryTenant, tenants: readonly DirectoryTenant[], ownId: string): string {
  const kind = tenant.kind === 'reseller' ? 'Reseller' : 'Customer';
  const parent = tenants.find((t) => t.id === tenant.parentId);
  return parent && parent.id !== ownId ? `${kind} of ${parent.name}` : kind;
}

/**
 * A service as people read it: its plugin's title from the catalogue; a plugin that declares no
 * catalogue service (orders itself) has no title there, so its id is shown, capitalised to sit with the others.
 */
export function serviceName(plugin: string, titles: ReadonlyMap<string, string>): string {
  return titles.get(plugin) ?? plugin.charAt(0).toUpperCase() + plugin.slice(1);
}
