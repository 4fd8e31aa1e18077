import type { Knex } from 'knex';
import type { SubjectRef } from '@switchboard/sdk';
import { HOST_PLUGIN, type Catalog } from './catalog.js';
import { idsOnPath, T, type ClientRow, type GrantRow, type RoleRow, type TenantRow, type UserRow } from './rows.js';

/**
 * The directory's reads, each taking the knex to use: the pool, or the transaction of a change
 * (on SQLite the pool has one connection, so a change must read through its own transaction).
 */
export const findTenant = (k: Knex, id: string): Promise<TenantRow | undefined> =>
  k<TenantRow>(T.tenants).where({ id }).first();

export const findCarrier = (k: Knex): Promise<TenantRow | undefined> => k<TenantRow>(T.tenants).where({ kind: 'carrier' }).first();

export const findUser = (k: Knex, id: string): Promise<UserRow | undefined> => k<UserRow>(T.users).where({ id }).first();

export const findClient = (k: Knex, id: string): Promise<ClientRow | undefined> => k<ClientRow>(T.clients).where({ id }).first();

export const findRole = (k: Knex, id: string): Promise<RoleRow | undefined> => k<RoleRow>(T.roles).where({ id }).first();

export const findGrant = (k: Knex, id: string): Promise<GrantRow | undefined> => k<GrantRow>(T.grants).where({ id }).first();

/** The tenant of a user or client, and the subject's row status. */
export async function findSubject(k: Knex, subject: SubjectRef): Promise<{ tenantId: string; name: string; status: string } | undefined> {
  const row = subject.kind === 'user' ? await findUser(k, subject.id) : await findClient(k, subject.id);
  return row ? { tenantId: row.tenant_id, name: row.name, status: row.status } : undefined;
}

/** A query for the ids of the tenant at `path` and every tenant below it, for `whereIn`. */
export const subtreeQuery = (k: Knex, path: string) => k(T.tenants).select('id').where('path', 'like', `${path}%`);

/** The tenant at `path` and every tenant below it, in tree order. */
export async function subtreeIds(k: Knex, path: string): Promise<string[]> {
  const rows: { id: string }[] = await subtreeQuery(k, path).orderBy('path');
  return rows.map((row) => row.id);
}

/** True when the tenant at `path` or any tenant above it is disabled: nobody in it may act. */
export async function disabledOnPath(k: Knex, path: string): Promise<boolean> {
  const row = await k(T.tenants).select('id').whereIn('id', idsOnPath(path)).andWhere('status', 'disabled').first();
  return row !== undefined;
}

/** The plugin ids stored for a tenant, whether installed or not. */
export async function storedSubscriptions(k: Knex, tenantId: string): Promise<string[]> {
  const rows: { plugin: string }[] = await k(T.subscriptions).select('plugin').where({ tenant_id: tenantId }).orderBy('plugin');
  return rows.map((row) => row.plugin);
}

/**
 * The installed services a tenant may use: every one for the carrier; for anyone else what they
 * subscribed to, and always the directory itself (`host`), so each tenant can administer itself.
 */
export async function effectiveSubscriptions(k: Knex, tenant: Pick<TenantRow, 'id' | 'kind'>, catalog: Catalog): Promise<Set<string>> {
  if (tenant.kind === 'carrier') return new Set(catalog.keys());
  const subscribed = new Set((await storedSubscriptions(k, tenant.id)).filter((plugin) => catalog.has(plugin)));
  subscribed.add(HOST_PLUGIN);
  return subscribed;
}

export interface GrantWithRole {
  grant: GrantRow;
  role: Pick<RoleRow, 'id' | 'name' | 'entitlements'>;
}

/** A subject's grants, each with its role, oldest first. */
export async function grantsOf(k: Knex, subject: SubjectRef): Promise<GrantWithRole[]> {
  const rows: (GrantRow & { role_name: string; role_entitlements: string })[] = await k(`${T.grants} as g`)
    .join(`${T.roles} as r`, 'r.id', 'g.role_id')
    .select('g.*', 'r.name as role_name', 'r.entitlements as role_entitlements')
    .where({ 'g.subject_kind': subject.kind, 'g.subject_id': subject.id })
    .orderBy([{ column: 'g.created_at' }, { column: 'g.id' }]);
  return rows.map(({ role_name, role_entitlements, ...grant }) => ({
    grant,
    role: { id: grant.role_id, name: role_name, entitlements: role_entitlements },
  }));
}
