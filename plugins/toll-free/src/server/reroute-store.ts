import { randomUUID } from 'node:crypto';
import { conflict, notFound, type Clock, type PluginStorage } from '@switchboard/sdk';
import type { Destination } from '../plan/model.js';
import type { Actor } from './plan-store.js';
import { TABLES } from './tables.js';
import { isUniqueViolation } from './unique-violation.js';

/** An emergency re-route: every call to `numbers` goes to `destination` from `createdAt` until `expiresAt`, or until undone. */
export interface Reroute {
  id: string;
  tenantId: string;
  numbers: string[];
  destination: Destination;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
  endedBy: string | null;
}

interface RerouteRow {
  id: string;
  tenant_id: string;
  numbers: string;
  destination: string;
  reason: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_by: string | null;
}

const toReroute = (row: RerouteRow): Reroute => ({
  id: row.id,
  tenantId: row.tenant_id,
  numbers: JSON.parse(row.numbers) as string[],
  destination: JSON.parse(row.destination) as Destination,
  reason: row.reason,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  endedAt: row.ended_at,
  endedBy: row.ended_by,
});

/**
 * Emergency re-routes in storage. A number is in at most one re-route in force: a second one is
 * refused (409 `number_rerouted`, also when two race), since which of two should win is for the
 * network manager to say, by undoing the first. A re-route past its expiry is over by itself;
 * its numbers are freed when the next re-route of them is made.
 */
export class RerouteStore {
  constructor(
    private readonly storage: PluginStorage,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: { tenantId: string; numbers: string[]; destination: Destination; expiresAt: string; reason: string | null }): Promise<Reroute> {
    const now = this.clock.now().toISOString();
    const row: RerouteRow = {
      id: randomUUID(),
      tenant_id: input.tenantId,
      numbers: JSON.stringify(input.numbers),
      destination: JSON.stringify(input.destination),
      reason: input.reason,
      created_by: actor.by,
      created_at: now,
      expires_at: input.expiresAt,
      ended_at: null,
      ended_by: null,
    };
    try {
      await this.storage.knex.transaction(async (trx) => {
        const held = (await trx(this.storage.table(TABLES.rerouteNumbers))
          .join(this.storage.table(TABLES.reroutes), `${this.storage.table(TABLES.reroutes)}.id`, `${this.storage.table(TABLES.rerouteNumbers)}.reroute_id`)
          .whereIn('number', input.numbers)
          .select('number', 'reroute_id', 'expires_at')) as Array<{ number: string; reroute_id: string; expires_at: string }>;
        const inForce = held.filter((h) => h.expires_at > now);
        if (inForce.length) throw alreadyRerouted(inForce.map((h) => h.number));
        // Expired re-routes still hold their numbers' keys: free them for this one.
        if (held.length) await trx(this.storage.table(TABLES.rerouteNumbers)).whereIn('number', held.map((h) => h.number)).delete();
        await trx(this.storage.table(TABLES.reroutes)).insert(row);
        await trx(this.storage.table(TABLES.rerouteNumbers)).insert(input.numbers.map((number) => ({ number, reroute_id: row.id, tenant_id: input.tenantId })));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyRerouted(input.numbers);
      throw error;
    }
    return toReroute(row);
  }

  /** A re-route of the actor's tenants, in force or not; null for another tenant's or a missing one. */
  async get(actor: Pick<Actor, 'tenants'>, id: string): Promise<Reroute | null> {
    const row = (await this.storage.from(TABLES.reroutes).where({ id }).whereIn('tenant_id', [...actor.tenants]).first()) as RerouteRow | undefined;
    return row ? toReroute(row) : null;
  }

  /** Undoes a re-route in force: its numbers go back to their plans at once. */
  async end(actor: Actor, id: string): Promise<Reroute> {
    const now = this.clock.now().toISOString();
    await this.storage.knex.transaction(async (trx) => {
      const row = (await trx(this.storage.table(TABLES.reroutes)).where({ id }).whereIn('tenant_id', [...actor.tenants]).first()) as RerouteRow | undefined;
      if (!row) throw notFound('No such re-route.');
      // Ended by the update itself: of two undoing at once, one finds it already ended.
      const ended = await trx(this.storage.table(TABLES.reroutes)).where({ id }).whereNull('ended_at').where('expires_at', '>', now).update({ ended_at: now, ended_by: actor.by });
      if (!ended) throw conflict(row.ended_at ? `This re-route was already undone at ${row.ended_at}.` : `This re-route expired at ${row.expires_at}.`, 'reroute_over');
      await trx(this.storage.table(TABLES.rerouteNumbers)).where({ reroute_id: id }).delete();
    });
    return (await this.get(actor, id))!;
  }

  /**
   * Takes a number that is no longer the customer's off the re-route in force that holds it, by
   * the system (`by`): the re-route keeps its other numbers, or ends when it had no other. Returns
   * the re-route as it was before, or null when none of the tenant's held the number.
   */
  async releaseNumber(input: { number: string; tenantId: string; by: string }): Promise<Reroute | null> {
    const now = this.clock.now().toISOString();
    return this.storage.knex.transaction(async (trx) => {
      const reroutes = this.storage.table(TABLES.reroutes);
      const row = (await trx(reroutes)
        .join(this.storage.table(TABLES.rerouteNumbers), `${this.storage.table(TABLES.rerouteNumbers)}.reroute_id`, `${reroutes}.id`)
        .where({ number: input.number, [`${reroutes}.tenant_id`]: input.tenantId })
        .whereNull('ended_at')
        .where('expires_at', '>', now)
        .select(`${reroutes}.*`)
        .first()) as RerouteRow | undefined;
      if (!row) return null;
      const before = toReroute(row);
      const left = before.numbers.filter((number) => number !== input.number);
      await trx(this.storage.table(TABLES.rerouteNumbers)).where({ number: input.number, reroute_id: row.id }).delete();
      await trx(reroutes)
        .where({ id: row.id })
        .update(left.length ? { numbers: JSON.stringify(left) } : { ended_at: now, ended_by: input.by });
      return before;
    });
  }

  /** The actor's tenants' re-routes in force now, newest first. */
  async inForce(actor: Pick<Actor, 'tenants'>): Promise<Reroute[]> {
    const now = this.clock.now().toISOString();
    const rows = (await this.storage.from(TABLES.reroutes).whereIn('tenant_id', [...actor.tenants]).whereNull('ended_at').where('expires_at', '>', now).orderBy('created_at', 'desc')) as RerouteRow[];
    return rows.map(toReroute);
  }

  /** Every re-route not undone and not yet expired, whatever the tenant: what the routing table is built from. */
  async allInForce(): Promise<Reroute[]> {
    const now = this.clock.now().toISOString();
    const rows = (await this.storage.from(TABLES.reroutes).whereNull('ended_at').where('expires_at', '>', now)) as RerouteRow[];
    return rows.map(toReroute);
  }
}

const alreadyRerouted = (numbers: string[]) =>
  conflict(`${numbers.join(', ')} ${numbers.length === 1 ? 'is' : 'are'} already re-routed; undo that re-route first.`, 'number_rerouted');
