import type { Knex } from 'knex';
import { ApiError, badRequest, type FieldError } from '@switchboard/sdk';
import { HOST_PLUGIN, type Catalog } from './catalog.js';
import { effectiveSubscriptions, findTenant } from './queries.js';
import type { TenantRow } from './rows.js';
import { SLUG } from './validate.js';

const MAX_PLUGINS = 200;

/** A list of plugin ids as given, deduplicated and sorted; the directory's own `host` is implied and dropped. */
export function readPluginList(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_PLUGINS || !value.every((id) => typeof id === 'string' && SLUG.test(id))) {
    throw badRequest('The subscriptions are not valid.', [{ field, message: `must be a list of at most ${MAX_PLUGINS} plugin ids` }]);
  }
  return [...new Set(value as string[])].filter((id) => id !== HOST_PLUGIN).sort();
}

/**
 * Refuses subscriptions a tenant may not have: services that are not installed (400), and
 * services its parent does not have (403 `not_subscribed`): a tenant passes on only what it has.
 */
export async function checkWithinParent(k: Knex, parent: TenantRow, plugins: readonly string[], catalog: Catalog, field: string): Promise<void> {
  const unknown = plugins.filter((plugin) => !catalog.has(plugin));
  if (unknown.length) {
    throw badRequest(
      'Some services are not installed.',
      unknown.map((plugin, index): FieldError => ({ field: `${field}[${index}]`, message: `"${plugin}" is not an installed service` })),
    );
  }
  const available = await effectiveSubscriptions(k, parent, catalog);
  const beyond = plugins.filter((plugin) => !available.has(plugin));
  if (beyond.length) {
    throw new ApiError(
      403,
      'not_subscribed',
      `The tenant above does not have ${beyond.join(', ')}, so it cannot pass ${beyond.length > 1 ? 'them' : 'it'} on.`,
      beyond.map((plugin) => ({ field, message: `"${plugin}" is not available from the tenant above` })),
    );
  }
}

/** The services of a tenant as answers show them: installed ones it subscribes to, `host` included. */
export async function subscriptionList(k: Knex, tenant: TenantRow, catalog: Catalog): Promise<string[]> {
  return [...(await effectiveSubscriptions(k, tenant, catalog))].sort();
}

/** The parent row of a tenant that is not the carrier. */
export async function parentOf(k: Knex, tenant: TenantRow): Promise<TenantRow> {
  const parent = tenant.parent_id === null ? undefined : await findTenant(k, tenant.parent_id);
  if (!parent) throw new Error(`Tenant "${tenant.id}" has no parent row`);
  return parent;
}
