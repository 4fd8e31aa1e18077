import { ApiError, forbidden, notFound, type Explanation, type Grant, type ListOptions, type NewGrant, type SubjectRef } from '@switchboard/sdk';
import { actorId, isSelf, requireDelegable, requireEntitlement, type Actor } from './actor.js';
import type { DirectoryContext } from './context.js';
import { roleGives } from './effective.js';
import { newId } from './ids.js';
import { entitlementsOf } from './identities.js';
import { disabledOnPath, effectiveSubscriptions, findTenant } from './queries.js';
import { T, toGrant, type GrantRow } from './rows.js';
import { readScope, scopeToColumn } from './scopes.js';
import { InputCheck } from './validate.js';
import { listFilter, visibleGrant, visibleRole, visibleSubject } from './visibility.js';

/** Grants: a role given to a user or API client, for every resource or only some. */

function readSubject(check: InputCheck, field: string, value: unknown): SubjectRef {
  const given = check.object(field, value);
  return { kind: check.oneOf(`${field}.kind`, given.kind, ['user', 'client'] as const), id: check.id(`${field}.id`, given.id) };
}

/** Reading who may do what needs the read entitlement of the subject's kind. */
const readEntitlement = (kind: SubjectRef['kind']) => (kind === 'user' ? 'users.read' : 'clients.read');

export async function listGrants(ctx: DirectoryContext, actor: Actor, options?: ListOptions & { subject?: SubjectRef }): Promise<Grant[]> {
  const check = new InputCheck();
  const { subject: subjectInput, ...listOptions } = check.object('options', options ?? {}) as ListOptions & { subject?: unknown };
  const subject = subjectInput === undefined ? undefined : readSubject(check, 'subject', subjectInput);
  check.done();
  if (!subject || !isSelf(actor, subject)) requireEntitlement(actor, subject ? readEntitlement(subject.kind) : 'users.read');
  const query = ctx.knex<GrantRow>(T.grants).orderBy([{ column: 'created_at' }, { column: 'id' }]);
  if (subject) {
    await visibleSubject(ctx.knex, actor, subject);
    query.where({ subject_kind: subject.kind, subject_id: subject.id });
  }
  const inView = await listFilter(ctx.knex, actor, listOptions);
  return (await inView(query, 'tenant_id')).map(toGrant);
}

export async function grant(ctx: DirectoryContext, actor: Actor, input: NewGrant): Promise<Grant> {
  const check = new InputCheck();
  const given = check.object('input', input);
  const subject = readSubject(check, 'subject', given.subject);
  const roleId = check.id('roleId', given.roleId);
  const read = readScope(given.scope);
  if ('problem' in read) check.problem('scope', read.problem);
  check.done();
  const scope = 'scope' in read ? read.scope : '*';
  requireEntitlement(actor, 'grants.write');

  const catalog = ctx.catalog();
  const row = await ctx.knex.transaction(async (trx) => {
    const target = await visibleSubject(trx, actor, subject);
    if (isSelf(actor, subject)) throw forbidden('Nobody changes their own grants; ask another administrator.', 'own_grants');
    const role = await visibleRole(trx, actor, roleId);
    // A custom role belongs to one tenant and is given only within it; built-in roles are everyone's.
    if (role.tenant_id !== null && role.tenant_id !== target.tenant_id) throw notFound('No such role.');
    const tenant = (await findTenant(trx, target.tenant_id))!;
    const gives = roleGives(JSON.parse(role.entitlements) as string[], catalog, await effectiveSubscriptions(trx, tenant, catalog), scope);
    if (Object.keys(gives).length === 0) {
      throw new ApiError(403, 'not_subscribed', `The role ${role.name} gives nothing of the services ${tenant.id} subscribes to.`, [
        { field: 'roleId', message: 'covers no service of the subject\'s tenant' },
      ]);
    }
    requireDelegable(actor, gives);
    const row: GrantRow = {
      id: newId('grant'),
      tenant_id: target.tenant_id,
      subject_kind: subject.kind,
      subject_id: subject.id,
      role_id: role.id,
      scope: scopeToColumn(scope),
      granted_by: actorId(actor),
      created_at: ctx.now(),
    };
    await trx(T.grants).insert(row);
    return row;
  });
  await ctx.changed(affected(subject), {
    actor,
    tenantId: row.tenant_id,
    action: 'directory.grant.create',
    resource: row.id,
    details: { subject, roleId, scope },
  });
  return toGrant(row);
}

export async function revoke(ctx: DirectoryContext, actor: Actor, grantId: string): Promise<void> {
  const check = new InputCheck();
  check.id('grantId', grantId);
  check.done();
  requireEntitlement(actor, 'grants.write');
  const row = await ctx.knex.transaction(async (trx) => {
    const row = await visibleGrant(trx, actor, grantId);
    if (isSelf(actor, { kind: row.subject_kind, id: row.subject_id })) {
      throw forbidden('Nobody changes their own grants; ask another administrator.', 'own_grants');
    }
    await trx(T.grants).where({ id: row.id }).delete();
    return row;
  });
  const subject: SubjectRef = { kind: row.subject_kind, id: row.subject_id };
  await ctx.changed(affected(subject), {
    actor,
    tenantId: row.tenant_id,
    action: 'directory.grant.revoke',
    resource: row.id,
    details: { subject, roleId: row.role_id, scope: toGrant(row).scope },
  });
}

export async function explain(ctx: DirectoryContext, actor: Actor, subjectInput: SubjectRef): Promise<Explanation> {
  const check = new InputCheck();
  const subject = readSubject(check, 'subject', subjectInput);
  check.done();
  if (!isSelf(actor, subject)) requireEntitlement(actor, readEntitlement(subject.kind));
  const target = await visibleSubject(ctx.knex, actor, subject);
  const effective = await entitlementsOf(ctx.knex, ctx.catalog(), subject, target.tenant_id);
  const tenant = (await findTenant(ctx.knex, target.tenant_id))!;
  return {
    subject,
    tenantId: target.tenant_id,
    active: target.status !== 'disabled' && !(await disabledOnPath(ctx.knex, tenant.path)),
    subscriptions: [...effective.subscriptions].sort(),
    entitlements: effective.explained,
    ineffective: effective.ineffective,
  };
}

const affected = (subject: SubjectRef) => (subject.kind === 'user' ? { users: [subject.id] } : { clients: [subject.id] });
