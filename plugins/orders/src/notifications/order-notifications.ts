import type { Identity, PluginStorage } from '@switchboard/sdk';
import type { ShellNotification } from '@switchboard/sdk/dist/web/contract.js';
import type { OrderStatus } from '../events.js';
import { toStep, type OrderStep, type StepRow } from '../orders/order-row.js';

/** One change of an order: the step, and the order it moved. */
export interface OrderChange extends OrderStep {
  /** The step's id, increasing. */
  id: number;
  orderId: string;
  tenantId: string;
  status: OrderStatus;
}

const PAST: Record<OrderStatus, string> = {
  submitted: 'placed',
  accepted: 'accepted',
  in_provisioning: 'put in provisioning',
  completed: 'completed',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

/** `ord_5f3a9c…`: short enough to read, the full id stays in the link. */
const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 10)}…` : id);

/**
 * An order's change as the shell lists it, in the reader's terms: a customer reads of their own
 * orders and opens them in My orders; staff read of their customers' and open the queue.
 */
export function toShellNotification(change: OrderChange, readerTenant: string): ShellNotification {
  const own = change.tenantId === readerTenant;
  const what = PAST[change.status];
  return {
    id: String(change.id),
    at: change.at,
    title: own ? `Your order ${shortId(change.orderId)} was ${what}` : `Order ${shortId(change.orderId)} of ${change.tenantId} was ${what}`,
    detail: [`by ${change.by.name ?? change.by.subject}`, change.note ? `“${change.note}”` : ''].filter(Boolean).join(' '),
    path: own ? `orders/my-orders/${change.orderId}` : 'orders/queue',
  };
}

/**
 * The changes of the orders of the caller's tenants, read from the orders' steps (each step is one
 * change, recorded in the transaction that made it), newest first; but not the caller's own steps,
 * which are no news to them.
 */
export class OrderNotifications {
  constructor(private readonly storage: PluginStorage) {}

  async recent(identity: Identity, limit: number): Promise<OrderChange[]> {
    const rows = (await this.storage
      .forTenant('order_steps', identity)
      // Grouped: knex negates each key of a plain object on its own.
      .whereNot((own) => own.where({ actor_kind: identity.kind, actor_subject: identity.subject }))
      .orderBy('id', 'desc')
      .limit(limit)) as Required<StepRow>[];
    return rows.map((row) => ({ id: Number(row.id), orderId: row.order_id, tenantId: row.tenant_id, ...toStep(row) }));
  }
}
