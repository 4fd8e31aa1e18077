import type { Knex } from 'knex';
import { notFound, type ListOptions, type SubjectRef } from '@switchboard/sdk';
import { canSee, isOperator, type Actor } from './actor.js';
import { findClient, findGrant, findRole, findTenant, findUser, subtreeQuery } from './queries.js';
import type { ClientRow, GrantRow, RoleRow, TenantRow, UserRow } from './rows.js';
import { InputCheck } from './validate.js';

/**
 * Finding rows through the actor's eyes. A row outside the actor's tenant subtree is answered
 * exactly like a row that does not exist: the same status, code and message, so that ids of other
 * tenants cannot be probed.
 */
const missing = (what: string) => notFound(`No such ${what}.`);

export async function visibleTenant(k: Knex, actor: Actor, id: string): Promise<TenantRow> {
  const row = canSee(actor, id) ? await findTenant(k, id) : undefined;
  if (!row) throw missing('tenant');
  return row;
}

export async function visibleUser(k: Knex, actor: Actor, id: string): Promise<UserRow> {
  const row = await findUser(k, id);
  if (!row || !canSee(actor, row.tenant_id)) throw missing('user');
  return row;
}

export async function visibleClient(k: Knex, actor: Actor, id: string): Promise<ClientRow> {
  const row = await findClient(k, id);
  if (!row || !canSee(actor, row.tenant_id)) throw missing('API client');
  return row;
}

/** Built-in roles are everyone's; a custom role is visible with its tenant. */
export async function visibleRole(k: Knex, actor: Actor, id: string): Promise<RoleRow> {
  const row = await findRole(k, id);
  if (!row || (row.tenant_id !== null && !canSee(actor, row.tenant_id))) throw missing('role');
  return row;
}

export async function visibleGrant(k: Knex, actor: Actor, id: string): Promise<GrantRow> {
  const row = await findGrant(k, id);
  if (!row || !canSee(actor, row.tenant_id)) throw missing('grant');
  return row;
}

/** A user or client in view, as the tenant it belongs to and its status. */
export async function visibleSubject(k: Knex, actor: Actor, subject: SubjectRef): Promise<UserRow | ClientRow> {
  return subject.kind === 'user' ? visibleUser(k, actor, subject.id) : visibleClient(k, actor, subject.id);
}

/** Restricts a query's tenant column to the tenants a list asked for. */
export type TenantFilter = (query: Knex.QueryBuilder, column: string) => Knex.QueryBuilder;

/**
 * The tenants a list covers: the one asked for (default the actor's own, or for the operator the
 * whole installation) and, unless `descendants` is false, every tenant below it.
 */
export async function listFilter(k: Knex, actor: Actor, options: ListOptions | undefined): Promise<TenantFilter> {
  const check = new InputCheck();
  const given = check.object('options', options ?? {});
  const tenantId = given.tenantId === undefined ? undefined : check.slug('tenantId', given.tenantId);
  const descendants = given.descendants === undefined ? true : check.boolean('descendants', given.descendants);
  check.done();
  if (tenantId === undefined && isOperator(actor)) return (query) => query;
  const tenant = await visibleTenant(k, actor, tenantId ?? (actor as Exclude<Actor, string>).tenantId);
  if (!descendants) return (query, column) => query.where(column, tenant.id);
  return (query, column) => query.whereIn(column, subtreeQuery(k, tenant.path));
}
