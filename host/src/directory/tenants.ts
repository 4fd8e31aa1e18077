import { ApiError, conflict, forbidden, unprocessable, type NewTenant, type Tenant, type TenantChanges } from '@switchboard/sdk';
import { isBelow, isOperator, OPERATOR, requireEntitlement, type Actor } from './actor.js';
import type { DirectoryContext } from './context.js';
import { findCarrier, findTenant, storedSubscriptions, subtreeIds, subtreeQuery } from './queries.js';
import { idsOnPath, T, toTenant, type TenantRow } from './rows.js';
import { isUniqueViolation } from '../storage/index.js';
import { checkWithinParent, parentOf, readPluginList, subscriptionList } from './subscriptions.js';
import { has, InputCheck } from './validate.js';
import { visibleTenant } from './visibility.js';

/** The tenant tree: carrier at the root, resellers under it, customers under either. */

export async function getTenant(ctx: DirectoryContext, actor: Actor, tenantId: string): Promise<Tenant> {
  if (isOperator(actor) || tenantId !== actor.tenantId) requireEntitlement(actor, 'tenants.read');
  return toTenant(await visibleTenant(ctx.knex, actor, tenantId));
}

export async function listTenants(ctx: DirectoryContext, actor: Actor): Promise<Tenant[]> {
  requireEntitlement(actor, 'tenants.read');
  const query = ctx.knex<TenantRow>(T.tenants).orderBy('path');
  if (!isOperator(actor)) {
    const own = await findTenant(ctx.knex, actor.tenantId);
    if (!own) return [];
    query.whereIn('id', subtreeQuery(ctx.knex, own.path));
  }
  return (await query).map(toTenant);
}

export async function createTenant(ctx: DirectoryContext, actor: Actor, input: NewTenant): Promise<Tenant> {
  const check = new InputCheck();
  const given = check.object('input', input);
  const id = check.slug('id', given.id);
  const parentId = check.slug('parentId', given.parentId);
  const kind = check.oneOf('kind', given.kind, ['reseller', 'customer'] as const);
  const name = check.text('name', given.name, 200);
  const theme = given.theme === undefined || given.theme === null ? null : check.slug('theme', given.theme, 1, 40);
  const mfaRequired = given.mfaRequired === undefined ? false : check.boolean('mfaRequired', given.mfaRequired);
  check.done();
  const subscriptions = given.subscriptions === undefined ? [] : readPluginList('subscriptions', given.subscriptions);
  requireEntitlement(actor, 'tenants.write');

  const catalog = ctx.catalog();
  const now = ctx.now();
  const created = await ctx.knex.transaction(async (trx) => {
    const parent = await visibleTenant(trx, actor, parentId);
    const allowed = kind === 'reseller' ? ['carrier'] : ['carrier', 'reseller'];
    if (!allowed.includes(parent.kind)) {
      const where = kind === 'reseller' ? 'the carrier' : 'a reseller or the carrier';
      throw unprocessable(`A ${kind} belongs under ${where}, not under a ${parent.kind}.`, [{ field: 'parentId', message: `must be ${where}` }], 'invalid_parent');
    }
    await checkWithinParent(trx, parent, subscriptions, catalog, 'subscriptions');
    if (await findTenant(trx, id)) throw tenantExists(id);
    const row: TenantRow = {
      id,
      parent_id: parent.id,
      kind,
      is_root: null,
      name,
      path: `${parent.path}${id}/`,
      status: 'active',
      theme,
      mfa_required: mfaRequired,
      created_at: now,
      updated_at: now,
    };
    try {
      await trx(T.tenants).insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw tenantExists(id);
      throw error;
    }
    if (subscriptions.length) await trx(T.subscriptions).insert(subscriptions.map((plugin) => ({ tenant_id: id, plugin, created_at: now })));
    return row;
  });
  // Everyone above the new tenant now sees one more tenant.
  await ctx.changed(
    { tenants: idsOnPath(created.path).slice(0, -1) },
    { actor, tenantId: created.id, action: 'directory.tenant.create', resource: created.id, details: { parentId, kind, name, subscriptions } },
  );
  return toTenant(created);
}

// The id is global (it names the tenant in paths and URLs), so a taken id says so, whoever holds it.
const tenantExists = (id: string) => conflict(`The tenant id "${id}" is taken.`, 'tenant_exists', [{ field: 'id', message: 'is taken' }]);

export async function updateTenant(ctx: DirectoryContext, actor: Actor, tenantId: string, changes: TenantChanges): Promise<Tenant> {
  const check = new InputCheck();
  const given = check.object('changes', changes);
  const update: Partial<TenantRow> = {};
  if (has(given, 'name')) update.name = check.text('name', given.name, 200);
  if (has(given, 'theme')) update.theme = given.theme === null ? null : check.slug('theme', given.theme, 1, 40);
  if (has(given, 'mfaRequired')) update.mfa_required = check.boolean('mfaRequired', given.mfaRequired);
  if (has(given, 'status')) update.status = check.oneOf('status', given.status, ['active', 'disabled'] as const);
  check.done();
  requireEntitlement(actor, 'tenants.write');

  const { before, after } = await ctx.knex.transaction(async (trx) => {
    const row = await visibleTenant(trx, actor, tenantId);
    // Switching one's own tenant off or on, or wearing another brand, is for the tenant above to decide.
    if (!isBelow(actor, row.id)) {
      if (update.status !== undefined && update.status !== row.status) throw forbidden('The status of your own tenant is for the tenant above to change.', 'own_tenant');
      if (update.theme !== undefined && update.theme !== row.theme) throw forbidden('The brand of your own tenant is for the tenant above to change.', 'own_tenant');
    }
    if (Object.keys(update).length) await trx(T.tenants).where({ id: row.id }).update({ ...update, updated_at: ctx.now() });
    return { before: row, after: (await findTenant(trx, row.id))! };
  });
  const statusChanged = before.status !== after.status;
  await ctx.changed(
    // A status change reaches every subject at and below the tenant.
    { tenants: statusChanged ? await subtreeIds(ctx.knex, after.path) : [after.id] },
    { actor, tenantId: after.id, action: 'directory.tenant.update', resource: after.id, details: changedFields(before, after) },
  );
  return toTenant(after);
}

/** Old and new value of each field an update changed, for the audit trail. */
function changedFields(beforeRow: TenantRow, afterRow: TenantRow): Record<string, unknown> {
  const before = toTenant(beforeRow);
  const after = toTenant(afterRow);
  const changed: Record<string, unknown> = {};
  for (const field of ['name', 'theme', 'mfaRequired', 'status'] as const) {
    if (before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
  }
  return changed;
}

export async function getSubscriptions(ctx: DirectoryContext, actor: Actor, tenantId: string): Promise<string[]> {
  if (isOperator(actor) || tenantId !== actor.tenantId) requireEntitlement(actor, 'tenants.read');
  const tenant = await visibleTenant(ctx.knex, actor, tenantId);
  return subscriptionList(ctx.knex, tenant, ctx.catalog());
}

/**
 * What the tenant above offers a tenant: the parent's services, read past the actor's subtree (a
 * customer's own parent is above it) but only that, so a customer can tell what it may order.
 */
export async function getOfferedServices(ctx: DirectoryContext, actor: Actor, tenantId: string): Promise<string[]> {
  if (isOperator(actor) || tenantId !== actor.tenantId) requireEntitlement(actor, 'tenants.read');
  const tenant = await visibleTenant(ctx.knex, actor, tenantId);
  const above = tenant.parent_id === null ? tenant : await parentOf(ctx.knex, tenant);
  return subscriptionList(ctx.knex, above, ctx.catalog());
}

export async function setSubscriptions(ctx: DirectoryContext, actor: Actor, tenantId: string, plugins: readonly string[]): Promise<string[]> {
  const wanted = readPluginList('plugins', plugins);
  requireEntitlement(actor, 'tenants.write');
  const catalog = ctx.catalog();
  const { tenant, added, removed } = await ctx.knex.transaction(async (trx) => {
    const tenant = await visibleTenant(trx, actor, tenantId);
    // A tenant choosing its own services would be a tenant granting itself what it never bought.
    if (!isBelow(actor, tenant.id)) throw forbidden('The services of your own tenant are for the tenant above to change.', 'own_tenant');
    if (tenant.kind === 'carrier') {
      throw unprocessable('The carrier has every installed service.', [{ field: 'tenantId', message: 'is the carrier' }], 'carrier_subscriptions');
    }
    await checkWithinParent(trx, await parentOf(trx, tenant), wanted, catalog, 'plugins');
    const current = await storedSubscriptions(trx, tenant.id);
    const removed = current.filter((plugin) => !wanted.includes(plugin));
    const added = wanted.filter((plugin) => !current.includes(plugin));
    if (removed.length) {
      // What this tenant loses, every tenant below it loses too.
      await trx(T.subscriptions).whereIn('plugin', removed).whereIn('tenant_id', subtreeQuery(trx, tenant.path)).delete();
    }
    const now = ctx.now();
    if (added.length) await trx(T.subscriptions).insert(added.map((plugin) => ({ tenant_id: tenant.id, plugin, created_at: now })));
    return { tenant, added, removed };
  });
  if (added.length || removed.length) {
    await ctx.changed(
      { tenants: await subtreeIds(ctx.knex, tenant.path) },
      { actor, tenantId: tenant.id, action: 'directory.subscriptions.set', resource: tenant.id, details: { added, removed } },
    );
  }
  return subscriptionList(ctx.knex, tenant, catalog);
}

/**
 * Creates the carrier, the root of the tree, unless it exists (seeding is repeatable). There is
 * exactly one carrier: asking for another id is refused.
 */
export async function ensureCarrier(ctx: DirectoryContext, id: string, name: string): Promise<Tenant> {
  const check = new InputCheck();
  check.slug('id', id);
  check.text('name', name, 200);
  check.done();
  const existing = await findCarrier(ctx.knex);
  if (existing) return sameCarrier(existing, id);
  const now = ctx.now();
  const row: TenantRow = {
    id,
    parent_id: null,
    kind: 'carrier',
    is_root: true,
    name: name.trim(),
    path: `/${id}/`,
    status: 'active',
    theme: null,
    mfa_required: false,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.knex(T.tenants).insert(row);
  } catch (error) {
    // Another process seeded at the same moment: the unique root marker let only one through.
    if (!isUniqueViolation(error)) throw error;
    return sameCarrier((await findCarrier(ctx.knex))!, id);
  }
  await ctx.changed({}, { actor: OPERATOR, tenantId: id, action: 'directory.tenant.create', resource: id, details: { kind: 'carrier', name: row.name } });
  return toTenant(row);
}

function sameCarrier(existing: TenantRow, id: string): Tenant {
  if (existing.id !== id) throw new ApiError(409, 'carrier_exists', `The carrier is already "${existing.id}"; there is only one.`);
  return toTenant(existing);
}
