import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Identity, PluginStorage } from '@switchboard/sdk';
import type { OrderStatus } from '../events.js';
import { pageOf, type Page } from '../numbers/page.js';
import { toOrder, toStep, type Actor, type Order, type OrderItem, type OrderRow, type OrderStep, type StepRow } from './order-row.js';

const ORDERS = 'orders';
const STEPS = 'order_steps';

/** A new order id: 80 random bits with a readable prefix, unguessable and collision-free in practice. */
export const newOrderId = (): string => `ord_${randomBytes(10).toString('hex')}`;

/** Keyset cursor of a list in creation order: the creation time and id of the last order shown. */
const cursorOf = (order: Order) => `${order.createdAt}|${order.id}`;
const readCursor = (cursor: string) => {
  const at = cursor.indexOf('|');
  return { createdAt: cursor.slice(0, at), id: cursor.slice(at + 1) };
};

/** orders_orders and orders_order_steps. Methods that take a `k` run in the caller's transaction. */
export class OrderStore {
  constructor(private readonly storage: PluginStorage) {}

  async insert(k: Knex, order: { id: string; tenantId: string; items: OrderItem[]; note: string | null; at: string }): Promise<void> {
    const row: OrderRow = {
      id: order.id,
      tenant_id: order.tenantId,
      status: 'submitted',
      items: JSON.stringify(order.items),
      note: order.note,
      created_at: order.at,
      updated_at: order.at,
    };
    await k(this.storage.table(ORDERS)).insert(row);
  }

  /** Records a step of an order's life. */
  async addStep(k: Knex, step: { orderId: string; tenantId: string; status: OrderStatus; at: string; by: Actor; note: string | null }): Promise<void> {
    const row: StepRow = {
      order_id: step.orderId,
      tenant_id: step.tenantId,
      status: step.status,
      at: step.at,
      actor_kind: step.by.kind,
      actor_subject: step.by.subject,
      actor_name: step.by.name,
      note: step.note,
    };
    await k(this.storage.table(STEPS)).insert(row);
  }

  /**
   * Moves an order from one status to another, only if it is still in the first: of two people
   * acting on the same order at once, one wins and the other is told where the order is now.
   */
  async moveStatus(k: Knex, orderId: string, from: OrderStatus, to: OrderStatus, at: string): Promise<boolean> {
    const changed = await k(this.storage.table(ORDERS)).where({ id: orderId, status: from }).update({ status: to, updated_at: at });
    return changed === 1;
  }

  /** An order of the caller's tenants, with its steps; null for any other (another tenant's too). */
  async getVisible(identity: Identity, orderId: string, k: Knex = this.storage.knex): Promise<Order | null> {
    const row = (await k(this.storage.table(ORDERS)).where({ id: orderId }).whereIn('tenant_id', [...identity.tenants]).first()) as OrderRow | undefined;
    if (!row) return null;
    return { ...toOrder(row), steps: await this.steps(k, orderId) };
  }

  async steps(k: Knex, orderId: string): Promise<OrderStep[]> {
    const rows = (await k(this.storage.table(STEPS)).where({ order_id: orderId }).orderBy('id')) as StepRow[];
    return rows.map(toStep);
  }

  /** The orders of some tenants, newest first (a customer following its orders) or oldest first (the queue). */
  async list(options: { tenants: readonly string[]; statuses?: readonly OrderStatus[]; oldestFirst: boolean; after?: string; limit: number }): Promise<Page<Order>> {
    const direction = options.oldestFirst ? 'asc' : 'desc';
    const query = this.storage
      .from(ORDERS)
      .whereIn('tenant_id', [...options.tenants])
      .orderBy([{ column: 'created_at', order: direction }, { column: 'id', order: direction }])
      .limit(options.limit + 1);
    if (options.statuses) query.whereIn('status', [...options.statuses]);
    if (options.after !== undefined) {
      const { createdAt, id } = readCursor(options.after);
      const beyond = options.oldestFirst ? '>' : '<';
      query.andWhere((q) => q.where('created_at', beyond, createdAt).orWhere((same) => same.where('created_at', createdAt).andWhere('id', beyond, id)));
    }
    return pageOf(((await query) as OrderRow[]).map(toOrder), options.limit, cursorOf);
  }
}
