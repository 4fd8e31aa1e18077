import { forbidden, type ApiClient, type ClientStatus, type ListOptions, type NewClient } from '@switchboard/sdk';
import { actorId, isSelf, requireEntitlement, type Actor } from './actor.js';
import type { DirectoryContext } from './context.js';
import { newId } from './ids.js';
import { requireCovers } from './covers.js';
import { findClient } from './queries.js';
import { T, toClient, type ClientRow } from './rows.js';
import { InputCheck } from './validate.js';
import { listFilter, visibleClient, visibleTenant } from './visibility.js';

/**
 * API clients: a tenant's own automation, or the carrier's network elements. Only their records
 * live here; secrets and tokens are issued by the OAuth side, keyed by the client's id. A client
 * gets grants exactly as a user does.
 */

export async function getClient(ctx: DirectoryContext, actor: Actor, clientId: string): Promise<ApiClient> {
  if (!isSelf(actor, { kind: 'client', id: clientId })) requireEntitlement(actor, 'clients.read');
  return toClient(await visibleClient(ctx.knex, actor, clientId));
}

export async function listClients(ctx: DirectoryContext, actor: Actor, options?: ListOptions): Promise<ApiClient[]> {
  requireEntitlement(actor, 'clients.read');
  const inView = await listFilter(ctx.knex, actor, options);
  const rows: ClientRow[] = await inView(ctx.knex<ClientRow>(T.clients), 'tenant_id').orderBy([{ column: 'name' }, { column: 'id' }]);
  return rows.map(toClient);
}

export async function createClient(ctx: DirectoryContext, actor: Actor, input: NewClient): Promise<ApiClient> {
  const check = new InputCheck();
  const given = check.object('input', input);
  const tenantId = check.slug('tenantId', given.tenantId);
  const name = check.text('name', given.name, 200);
  const kind = check.oneOf('kind', given.kind, ['automation', 'network'] as const);
  check.done();
  requireEntitlement(actor, 'clients.write');
  await visibleTenant(ctx.knex, actor, tenantId);
  const now = ctx.now();
  const row: ClientRow = { id: newId('client'), tenant_id: tenantId, name, kind, status: 'active', created_by: actorId(actor), created_at: now, updated_at: now };
  await ctx.knex(T.clients).insert(row);
  await ctx.changed({ clients: [row.id] }, { actor, tenantId, action: 'directory.client.create', resource: row.id, details: { name, kind } });
  return toClient(row);
}

export async function setClientStatus(ctx: DirectoryContext, actor: Actor, clientId: string, status: ClientStatus): Promise<ApiClient> {
  const check = new InputCheck();
  const wanted = check.oneOf('status', status, ['active', 'disabled'] as const);
  check.done();
  requireEntitlement(actor, 'clients.write');
  const subject = { kind: 'client' as const, id: clientId };
  const { before, after } = await ctx.knex.transaction(async (trx) => {
    if (isSelf(actor, subject)) throw forbidden('Nobody changes their own status.', 'own_status');
    const row = await visibleClient(trx, actor, clientId);
    if (row.status === wanted) return { before: row, after: row };
    // Enabling gives the client's grants back: that is delegating them.
    if (wanted === 'active') await requireCovers(trx, ctx.catalog(), actor, subject, row.tenant_id);
    await trx(T.clients).where({ id: row.id }).update({ status: wanted, updated_at: ctx.now() });
    return { before: row, after: (await findClient(trx, row.id))! };
  });
  if (before.status !== after.status) {
    await ctx.changed(
      { clients: [after.id] },
      { actor, tenantId: after.tenant_id, action: 'directory.client.status', resource: after.id, details: { from: before.status, to: after.status } },
    );
  }
  return toClient(after);
}
