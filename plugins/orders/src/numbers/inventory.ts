import type { Knex } from 'knex';
import type { Clock, Identity, PluginStorage, ResourceScope } from '@switchboard/sdk';
import { HELD_STATES, toInventoryNumber, type InventoryNumber, type NumberRow, type NumberState, type Released } from './number-row.js';
import { pageOf, type Page } from './page.js';

const TABLE = 'numbers';
const DAY_MS = 86_400_000;

/** Rows per statement: far below SQLite's 999 bound variables and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 200;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

/**
 * orders_numbers: the toll-free numbers the carrier holds and the state of each. Every change of
 * state is one conditional UPDATE (`where state = ...`), so two requests or two host processes
 * racing for the same number cannot both win it, on either dialect. Methods that take a `k` run in
 * the caller's transaction (an order's), so an order and its numbers change together.
 */
export class NumberInventory {
  constructor(
    private readonly storage: PluginStorage,
    private readonly clock: Clock,
  ) {}

  private get table(): string {
    return this.storage.table(TABLE);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** `days` from now, as stored. */
  daysFromNow(days: number): string {
    return new Date(this.clock.now().getTime() + days * DAY_MS).toISOString();
  }

  /** New spare numbers; numbers already in the inventory are left as they are and reported. */
  async addSpares(numbers: readonly string[]): Promise<{ added: string[]; existing: string[] }> {
    const wanted = [...new Set(numbers)].sort();
    const now = this.now();
    const added: string[] = [];
    await this.storage.knex.transaction(async (trx) => {
      for (const piece of chunks(wanted, ROWS_PER_STATEMENT)) {
        const rows: NumberRow[] = piece.map((number) => ({
          number,
          state: 'spare',
          tenant_id: null,
          order_id: null,
          state_since: now,
          reserved_until: null,
          available_at: null,
          created_at: now,
          updated_at: now,
        }));
        const inserted = (await trx(this.table).insert(rows).onConflict('number').ignore().returning('number')) as { number: string }[];
        added.push(...inserted.map((row) => row.number));
      }
    });
    const fresh = new Set(added);
    return { added: added.sort(), existing: wanted.filter((number) => !fresh.has(number)) };
  }

  /** Spare numbers matching an SQL LIKE over E.164 (see vanityPattern), in number order, after `after`. */
  async searchSpare(like: string, options: { after?: string; limit: number }): Promise<Page<string>> {
    const query = this.storage.from(TABLE).select('number').where({ state: 'spare' }).andWhere('number', 'like', like).orderBy('number').limit(options.limit + 1);
    if (options.after !== undefined) query.andWhere('number', '>', options.after);
    const rows = (await query) as { number: string }[];
    return pageOf(rows.map((row) => row.number), options.limit, (number) => number);
  }

  /**
   * The numbers the caller's tenants hold (reserved or assigned), within the caller's grant's scope
   * of numbers; a number of any other tenant is not there, as if it did not exist.
   */
  async listHeld(identity: Identity, options: { scope: ResourceScope; state?: NumberState; tenantId?: string; after?: string; limit: number }): Promise<Page<InventoryNumber>> {
    const query = this.storage.forTenant(TABLE, identity).whereIn('state', options.state ? [options.state] : [...HELD_STATES]).orderBy('number').limit(options.limit + 1);
    if (options.scope !== '*') query.whereIn('number', [...options.scope]);
    if (options.tenantId !== undefined) query.andWhere('tenant_id', options.tenantId);
    if (options.after !== undefined) query.andWhere('number', '>', options.after);
    return pageOf(((await query) as NumberRow[]).map(toInventoryNumber), options.limit, (row) => row.number);
  }

  /** One number the caller's tenants hold, or null (for a number of another tenant too). */
  async getHeld(identity: Identity, number: string): Promise<InventoryNumber | null> {
    const row = (await this.storage.forTenant(TABLE, identity).where({ number }).whereIn('state', [...HELD_STATES]).first()) as NumberRow | undefined;
    return row ? toInventoryNumber(row) : null;
  }

  /** Every number in one state or all, in number order: the carrier's view of its inventory. */
  async listAll(options: { state?: NumberState; after?: string; limit: number }): Promise<Page<InventoryNumber>> {
    const query = this.storage.from(TABLE).orderBy('number').limit(options.limit + 1);
    if (options.state !== undefined) query.where({ state: options.state });
    if (options.after !== undefined) query.andWhere('number', '>', options.after);
    return pageOf(((await query) as NumberRow[]).map(toInventoryNumber), options.limit, (row) => row.number);
  }

  /**
   * Reserves the given numbers for an order, those that are spare; returns the ones that were not
   * (taken, or not in the inventory at all: the caller cannot tell which, and need not).
   */
  async reserveChosen(k: Knex, reservation: Reservation, numbers: readonly string[]): Promise<string[]> {
    const won = new Set<string>();
    for (const piece of chunks([...new Set(numbers)], ROWS_PER_STATEMENT)) {
      const rows = (await k(this.table).whereIn('number', piece).andWhere({ state: 'spare' }).update(this.reservedColumns(reservation)).returning('number')) as { number: string }[];
      rows.forEach((row) => won.add(row.number));
    }
    return numbers.filter((number) => !won.has(number));
  }

  /**
   * Reserves up to `quantity` spare numbers matching `like` (any spare number when null), lowest
   * first, for an order. Returns the numbers reserved: fewer than asked when the inventory ran out.
   */
  async reserveAny(k: Knex, reservation: Reservation, quantity: number, like: string | null): Promise<string[]> {
    const reserved: string[] = [];
    // A number seen spare may be taken by a concurrent order before the update: try the next ones.
    for (let round = 0; reserved.length < quantity && round < 5; round++) {
      const candidates = k(this.table).select('number').where({ state: 'spare' }).orderBy('number').limit(quantity - reserved.length);
      if (like !== null) candidates.andWhere('number', 'like', like);
      const numbers = ((await candidates) as { number: string }[]).map((row) => row.number);
      if (numbers.length === 0) break;
      const rows = (await k(this.table).whereIn('number', numbers).andWhere({ state: 'spare' }).update(this.reservedColumns(reservation)).returning('number')) as { number: string }[];
      reserved.push(...rows.map((row) => row.number));
    }
    return reserved.sort();
  }

  private reservedColumns(reservation: Reservation): Partial<NumberRow> {
    const now = this.now();
    return {
      state: 'reserved',
      tenant_id: reservation.tenantId,
      order_id: reservation.orderId,
      state_since: now,
      reserved_until: reservation.until,
      available_at: null,
      updated_at: now,
    };
  }

  /** The numbers an order holds reserved (its reservation has not lapsed). */
  async reservedFor(k: Knex, orderId: string): Promise<string[]> {
    const rows = (await k(this.table).select('number').where({ order_id: orderId, state: 'reserved' }).orderBy('number')) as { number: string }[];
    return rows.map((row) => row.number);
  }

  /** Of the given numbers, those assigned to the tenant. */
  async assignedTo(k: Knex, tenantId: string, numbers: readonly string[]): Promise<string[]> {
    const held: string[] = [];
    for (const piece of chunks([...new Set(numbers)], ROWS_PER_STATEMENT)) {
      const rows = (await k(this.table).select('number').whereIn('number', piece).andWhere({ tenant_id: tenantId, state: 'assigned' })) as { number: string }[];
      held.push(...rows.map((row) => row.number));
    }
    return held.sort();
  }

  /** How many numbers a tenant holds in each state it may see. */
  async countHeld(k: Knex, tenantId: string): Promise<{ reserved: number; assigned: number }> {
    const rows = (await k(this.table).select('state').count({ n: '*' }).where({ tenant_id: tenantId }).whereIn('state', [...HELD_STATES]).groupBy('state')) as { state: NumberState; n: number | string }[];
    const count = (state: NumberState) => Number(rows.find((row) => row.state === state)?.n ?? 0);
    return { reserved: count('reserved'), assigned: count('assigned') };
  }

  /** An order's reservations back to spare (the order was cancelled or rejected). */
  async release(k: Knex, orderId: string): Promise<string[]> {
    const rows = (await k(this.table).where({ order_id: orderId, state: 'reserved' }).update(this.spareColumns()).returning('number')) as { number: string }[];
    return rows.map((row) => row.number).sort();
  }

  /** An order's reserved numbers assigned to its tenant: the ones that were still reserved for it. */
  async assignReserved(k: Knex, orderId: string): Promise<string[]> {
    const now = this.now();
    const rows = (await k(this.table)
      .where({ order_id: orderId, state: 'reserved' })
      .update({ state: 'assigned', state_since: now, reserved_until: null, updated_at: now })
      .returning('number')) as { number: string }[];
    return rows.map((row) => row.number).sort();
  }

  /** Numbers assigned to the tenant disconnected by an order; they age until `availableAt`. Returns the ones that were. */
  async disconnect(k: Knex, tenantId: string, orderId: string, numbers: readonly string[], availableAt: string): Promise<string[]> {
    const now = this.now();
    const done: string[] = [];
    for (const piece of chunks([...new Set(numbers)], ROWS_PER_STATEMENT)) {
      const rows = (await k(this.table)
        .whereIn('number', piece)
        .andWhere({ tenant_id: tenantId, state: 'assigned' })
        .update({ state: 'disconnected', order_id: orderId, state_since: now, available_at: availableAt, updated_at: now })
        .returning('number')) as { number: string }[];
      done.push(...rows.map((row) => row.number));
    }
    return done.sort();
  }

  /** Reservations that lapsed by now, back to spare: who had each, for the audit trail. */
  async expireReservations(): Promise<Released[]> {
    return this.backToSpare('reserved', 'reserved_until');
  }

  /** Disconnected numbers whose aging ended by now, back to spare. */
  async endAging(): Promise<Released[]> {
    return this.backToSpare('disconnected', 'available_at');
  }

  private async backToSpare(state: NumberState, deadline: 'reserved_until' | 'available_at'): Promise<Released[]> {
    const now = this.now();
    return this.storage.knex.transaction(async (trx) => {
      const due = (await trx(this.table).select('number', 'tenant_id', 'order_id').where({ state }).andWhere(deadline, '<=', now).orderBy('number')) as Pick<NumberRow, 'number' | 'tenant_id' | 'order_id'>[];
      const released: Released[] = [];
      for (const piece of chunks(due, ROWS_PER_STATEMENT)) {
        // Conditional again: another host process may have swept, or an order taken, the same rows.
        const rows = (await trx(this.table)
          .whereIn('number', piece.map((row) => row.number))
          .andWhere({ state })
          .andWhere(deadline, '<=', now)
          .update(this.spareColumns())
          .returning('number')) as { number: string }[];
        const swept = new Set(rows.map((row) => row.number));
        for (const row of piece) if (swept.has(row.number)) released.push({ number: row.number, tenantId: row.tenant_id ?? '', orderId: row.order_id });
      }
      return released;
    });
  }

  private spareColumns(): Partial<NumberRow> {
    const now = this.now();
    return { state: 'spare', tenant_id: null, order_id: null, state_since: now, reserved_until: null, available_at: null, updated_at: now };
  }
}

/** For whom, for which order, and until when numbers are reserved. */
export interface Reservation {
  tenantId: string;
  orderId: string;
  until: string;
}
