import type { Knex } from 'knex';
import { ApiError, badRequest, conflict, forbidden, type FieldError, type ListOptions, type NewRole, type ResourceScope, type Role, type RoleChanges } from '@switchboard/sdk';
import { requireDelegable, requireEntitlement, type Actor } from './actor.js';
import type { Catalog } from './catalog.js';
import type { DirectoryContext } from './context.js';
import { roleGives } from './effective.js';
import { newId } from './ids.js';
import { expandPattern, patternProblem } from './patterns.js';
import { effectiveSubscriptions, findRole } from './queries.js';
import { T, toRole, type GrantRow, type RoleRow, type TenantRow } from './rows.js';
import { scopeFromColumn } from './scopes.js';
import { isUniqueViolation } from '../storage/index.js';
import { has, InputCheck } from './validate.js';
import { listFilter, visibleRole, visibleTenant } from './visibility.js';

/** Roles: named bundles of entitlement patterns. Built-in ones for everyone, custom ones per tenant. */

const MAX_PATTERNS = 100;

/**
 * "Holds it at all": an empty resource list is covered by any scope the actor holds. Defining a role
 * gives nobody anything yet; the scope is checked when the role is granted.
 */
const ANY_SCOPE: ResourceScope = [];

export async function listRoles(ctx: DirectoryContext, actor: Actor, options?: ListOptions): Promise<Role[]> {
  requireEntitlement(actor, 'roles.read');
  const inView = await listFilter(ctx.knex, actor, options);
  const rows: RoleRow[] = await ctx
    .knex<RoleRow>(T.roles)
    .where((query) => query.whereNull('tenant_id').orWhere((custom) => inView(custom, 'tenant_id')))
    .orderBy([{ column: 'built_in', order: 'desc' }, { column: 'name' }, { column: 'id' }]);
  return rows.map(toRole);
}

export async function getRole(ctx: DirectoryContext, actor: Actor, roleId: string): Promise<Role> {
  requireEntitlement(actor, 'roles.read');
  return toRole(await visibleRole(ctx.knex, actor, roleId));
}

export async function createRole(ctx: DirectoryContext, actor: Actor, input: NewRole): Promise<Role> {
  const check = new InputCheck();
  const given = check.object('input', input);
  const tenantId = check.slug('tenantId', given.tenantId);
  const name = check.text('name', given.name, 100);
  const description = check.optionalText('description', given.description, 500);
  const patterns = readPatterns(check, given.entitlements);
  check.done();
  requireEntitlement(actor, 'roles.write');

  const catalog = ctx.catalog();
  const now = ctx.now();
  const row: RoleRow = {
    id: newId('role'),
    tenant_id: tenantId,
    name,
    description,
    entitlements: JSON.stringify(patterns),
    built_in: false,
    created_at: now,
    updated_at: now,
  };
  await ctx.knex.transaction(async (trx) => {
    const tenant = await visibleTenant(trx, actor, tenantId);
    const gives = await checkPatternsFor(trx, tenant, patterns, catalog);
    requireDelegable(actor, Object.fromEntries(Object.keys(gives).map((entitlement) => [entitlement, ANY_SCOPE])));
    await requireFreeName(trx, tenantId, name, null);
    await insertOrConflict(trx, row, name);
  });
  await ctx.changed({}, { actor, tenantId, action: 'directory.role.create', resource: row.id, details: { name, entitlements: patterns } });
  return toRole(row);
}

export async function updateRole(ctx: DirectoryContext, actor: Actor, roleId: string, changes: RoleChanges): Promise<Role> {
  const check = new InputCheck();
  const given = check.object('changes', changes);
  const update: Partial<RoleRow> = {};
  if (has(given, 'name')) update.name = check.text('name', given.name, 100);
  if (has(given, 'description')) update.description = check.optionalText('description', given.description, 500);
  const patterns = has(given, 'entitlements') ? readPatterns(check, given.entitlements) : null;
  if (patterns) update.entitlements = JSON.stringify(patterns);
  check.done();
  requireEntitlement(actor, 'roles.write');

  const catalog = ctx.catalog();
  const { after, holders } = await ctx.knex.transaction(async (trx) => {
    const role = await visibleRole(trx, actor, roleId);
    if (role.tenant_id === null) throw forbidden('Built-in roles cannot be changed; define a role of your own instead.', 'built_in_role');
    const grants: GrantRow[] = await trx<GrantRow>(T.grants).where({ role_id: role.id });
    if (patterns) {
      const tenant = await visibleTenant(trx, actor, role.tenant_id);
      const gives = await checkPatternsFor(trx, tenant, patterns, catalog);
      const before = roleGives(JSON.parse(role.entitlements) as string[], catalog, await effectiveSubscriptions(trx, tenant, catalog), ANY_SCOPE);
      const added = Object.keys(gives).filter((entitlement) => !(entitlement in before));
      requireDelegable(actor, Object.fromEntries(added.map((entitlement) => [entitlement, ANY_SCOPE])));
      // Everyone who has the role gets what is added, at their grant's scope: that is delegation too.
      for (const grant of grants) {
        const scope = scopeFromColumn(grant.scope);
        requireDelegable(actor, Object.fromEntries(added.map((entitlement) => [entitlement, scope])));
      }
    }
    if (update.name !== undefined) await requireFreeName(trx, role.tenant_id, update.name, role.id);
    if (Object.keys(update).length) {
      try {
        await trx(T.roles).where({ id: role.id }).update({ ...update, updated_at: ctx.now() });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(update.name ?? role.name);
        throw error;
      }
    }
    return { after: (await findRole(trx, role.id))!, holders: grants };
  });
  await ctx.changed(subjectsOf(holders), {
    actor,
    tenantId: after.tenant_id!,
    action: 'directory.role.update',
    resource: after.id,
    details: { ...(update.name !== undefined ? { name: update.name } : {}), ...(patterns ? { entitlements: patterns } : {}) },
  });
  return toRole(after);
}

export async function deleteRole(ctx: DirectoryContext, actor: Actor, roleId: string): Promise<void> {
  requireEntitlement(actor, 'roles.write');
  const role = await ctx.knex.transaction(async (trx) => {
    const role = await visibleRole(trx, actor, roleId);
    if (role.tenant_id === null) throw forbidden('Built-in roles cannot be removed.', 'built_in_role');
    const used = await trx(T.grants).where({ role_id: role.id }).first();
    if (used) throw conflict('The role is still granted; revoke its grants first.', 'role_in_use');
    await trx(T.roles).where({ id: role.id }).delete();
    return role;
  });
  await ctx.changed({}, { actor, tenantId: role.tenant_id!, action: 'directory.role.delete', resource: role.id, details: { name: role.name } });
}

function readPatterns(check: InputCheck, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PATTERNS) {
    check.problem('entitlements', `must list 1 to ${MAX_PATTERNS} entitlement patterns`);
    return [];
  }
  value.forEach((pattern, index) => {
    const problem = patternProblem(pattern);
    if (problem) check.problem(`entitlements[${index}]`, problem);
  });
  return [...new Set(value as string[])];
}

/**
 * A role of a tenant may name only what the tenant can hold: every pattern must give something of
 * the services it subscribes to. Returns what the patterns give, each entitlement once.
 */
async function checkPatternsFor(k: Knex, tenant: TenantRow, patterns: readonly string[], catalog: Catalog): Promise<Record<string, ResourceScope>> {
  const subscribed = await effectiveSubscriptions(k, tenant, catalog);
  const unknown: FieldError[] = [];
  const unsubscribed: FieldError[] = [];
  patterns.forEach((pattern, index) => {
    const { reason } = expandPattern(pattern, catalog, subscribed);
    const field = `entitlements[${index}]`;
    if (reason === 'no_match') unknown.push({ field, message: `"${pattern}" matches no installed entitlement` });
    if (reason === 'not_subscribed') unsubscribed.push({ field, message: `"${pattern}" is for services ${tenant.id} does not subscribe to` });
  });
  if (unknown.length) throw badRequest('Some patterns match nothing installed.', unknown);
  if (unsubscribed.length) {
    throw new ApiError(403, 'not_subscribed', `The tenant ${tenant.id} can only hold entitlements of the services it subscribes to.`, unsubscribed);
  }
  return roleGives(patterns, catalog, subscribed, ANY_SCOPE);
}

/** Role names are unique within a tenant, and never shadow a built-in role's (compared without case). */
async function requireFreeName(k: Knex, tenantId: string, name: string, exceptId: string | null): Promise<void> {
  const clash = await k(T.roles)
    .select('id')
    .where((query) => query.whereNull('tenant_id').orWhere('tenant_id', tenantId))
    .andWhereRaw('lower(name) = ?', [name.toLowerCase()])
    .modify((query) => {
      if (exceptId) query.whereNot('id', exceptId);
    })
    .first();
  if (clash) throw nameTaken(name);
}

async function insertOrConflict(k: Knex, row: RoleRow, name: string): Promise<void> {
  try {
    await k(T.roles).insert(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

const nameTaken = (name: string) => conflict(`A role named "${name}" exists.`, 'role_name_taken', [{ field: 'name', message: 'is taken' }]);

/** The users and clients holding a role, whose identities change with it. */
function subjectsOf(grants: readonly GrantRow[]): { users: string[]; clients: string[] } {
  const ids = (kind: string) => [...new Set(grants.filter((grant) => grant.subject_kind === kind).map((grant) => grant.subject_id))];
  return { users: ids('user'), clients: ids('client') };
}
