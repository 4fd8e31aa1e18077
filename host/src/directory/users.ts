import { conflict, forbidden, type DirectoryUser, type ListOptions, type NewUser, type UserChanges, type UserStatus } from '@switchboard/sdk';
import { isSelf, requireEntitlement, type Actor } from './actor.js';
import type { DirectoryContext } from './context.js';
import { newId } from './ids.js';
import { requireCovers } from './covers.js';
import { findUser } from './queries.js';
import { T, toUser, type UserRow } from './rows.js';
import { isUniqueViolation } from '../storage/index.js';
import { has, InputCheck } from './validate.js';
import { listFilter, visibleTenant, visibleUser } from './visibility.js';

/** Users: people of one tenant. Their credentials live elsewhere, keyed by the user's id. */

export async function getUser(ctx: DirectoryContext, actor: Actor, userId: string): Promise<DirectoryUser> {
  if (!isSelf(actor, { kind: 'user', id: userId })) requireEntitlement(actor, 'users.read');
  return toUser(await visibleUser(ctx.knex, actor, userId));
}

export async function listUsers(ctx: DirectoryContext, actor: Actor, options?: ListOptions): Promise<DirectoryUser[]> {
  requireEntitlement(actor, 'users.read');
  const inView = await listFilter(ctx.knex, actor, options);
  const rows: UserRow[] = await inView(ctx.knex<UserRow>(T.users), 'tenant_id').orderBy('login');
  return rows.map(toUser);
}

export async function createUser(ctx: DirectoryContext, actor: Actor, input: NewUser): Promise<DirectoryUser> {
  const check = new InputCheck();
  const given = check.object('input', input);
  const tenantId = check.slug('tenantId', given.tenantId);
  const login = check.login('login', given.login);
  const name = check.text('name', given.name, 200);
  const email = check.email('email', given.email);
  check.done();
  requireEntitlement(actor, 'users.write');

  const now = ctx.now();
  const row: UserRow = { id: newId('user'), tenant_id: tenantId, login, name, email, status: 'invited', created_at: now, updated_at: now };
  await ctx.knex.transaction(async (trx) => {
    await visibleTenant(trx, actor, tenantId);
    if (await trx(T.users).where({ login }).first()) throw loginTaken(login);
    try {
      await trx(T.users).insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw loginTaken(login);
      throw error;
    }
  });
  // A process may hold "no such user" for this id; it must not any more.
  await ctx.changed({ users: [row.id] }, { actor, tenantId, action: 'directory.user.create', resource: row.id, details: { login, name } });
  return toUser(row);
}

// Logins are unique across the installation (a login page does not know the tenant yet), so a
// taken login says so whichever tenant holds it.
const loginTaken = (login: string) => conflict(`The login "${login}" is taken.`, 'login_taken', [{ field: 'login', message: 'is taken' }]);

export async function updateUser(ctx: DirectoryContext, actor: Actor, userId: string, changes: UserChanges): Promise<DirectoryUser> {
  const check = new InputCheck();
  const given = check.object('changes', changes);
  const update: Partial<UserRow> = {};
  if (has(given, 'name')) update.name = check.text('name', given.name, 200);
  if (has(given, 'email')) update.email = check.email('email', given.email);
  check.done();
  requireEntitlement(actor, 'users.write');
  const after = await ctx.knex.transaction(async (trx) => {
    const row = await visibleUser(trx, actor, userId);
    if (Object.keys(update).length === 0) return row;
    // Whoever controls a user's address could have a reset sent there: only someone who holds at
    // least what the user holds may change it.
    if (update.email !== undefined && update.email !== row.email && !isSelf(actor, { kind: 'user', id: row.id })) {
      await requireCovers(trx, ctx.catalog(), actor, { kind: 'user', id: row.id }, row.tenant_id);
    }
    await trx(T.users).where({ id: row.id }).update({ ...update, updated_at: ctx.now() });
    return (await findUser(trx, row.id))!;
  });
  await ctx.changed({ users: [after.id] }, { actor, tenantId: after.tenant_id, action: 'directory.user.update', resource: after.id, details: { ...update } });
  return toUser(after);
}

export async function setUserStatus(ctx: DirectoryContext, actor: Actor, userId: string, status: UserStatus): Promise<DirectoryUser> {
  const check = new InputCheck();
  const wanted = check.oneOf('status', status, ['invited', 'active', 'disabled'] as const);
  check.done();
  requireEntitlement(actor, 'users.write');
  const subject = { kind: 'user' as const, id: userId };
  const { before, after } = await ctx.knex.transaction(async (trx) => {
    if (isSelf(actor, subject)) throw forbidden('Nobody changes their own status.', 'own_status');
    const row = await visibleUser(trx, actor, userId);
    // Enabling gives the user's grants back: that is delegating them, so the actor must hold them.
    if (row.status === 'disabled' && wanted !== 'disabled') await requireCovers(trx, ctx.catalog(), actor, subject, row.tenant_id);
    if (row.status === wanted) return { before: row, after: row };
    await trx(T.users).where({ id: row.id }).update({ status: wanted, updated_at: ctx.now() });
    return { before: row, after: (await findUser(trx, row.id))! };
  });
  if (before.status !== after.status) {
    await ctx.changed(
      { users: [after.id] },
      { actor, tenantId: after.tenant_id, action: 'directory.user.status', resource: after.id, details: { from: before.status, to: after.status } },
    );
  }
  return toUser(after);
}

/** The user signing in with this login, whatever their status, for the login page (no actor: it is the host asking). */
export async function userByLogin(ctx: DirectoryContext, login: string): Promise<DirectoryUser | null> {
  if (typeof login !== 'string') return null;
  const row = await ctx.knex<UserRow>(T.users).where({ login: login.trim().toLowerCase() }).first();
  return row ? toUser(row) : null;
}
