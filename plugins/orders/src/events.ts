/**
 * What the orders plugin publishes on the event bus, for other plugins to subscribe to: the
 * traffic plugin attributes calls by the numbers assigned here, the shell shows order changes.
 * Each event is published after the change it reports has committed.
 */

/** A toll-free number was assigned to a tenant (an order adding it was completed). One event per number. */
export const NUMBER_ASSIGNED = 'orders.numbers.assigned';

/** A toll-free number was disconnected from a tenant; it ages before anyone else may have it. One event per number. */
export const NUMBER_DISCONNECTED = 'orders.numbers.disconnected';

/** An order was placed or changed status. */
export const ORDER_CHANGED = 'orders.order.changed';

export interface NumberAssigned {
  /** E.164, `+18005550100`. */
  number: string;
  /** The tenant that has it now. */
  tenantId: string;
}

export interface NumberDisconnected {
  /** E.164, `+18005550100`. */
  number: string;
  /** The tenant that had it. */
  tenantId: string;
}

export interface OrderChanged {
  orderId: string;
  /** The tenant that placed the order. */
  tenantId: string;
  status: OrderStatus;
}

/** The life cycle of an order: submitted, then accepted, in provisioning and completed; or rejected or cancelled. */
export type OrderStatus = 'submitted' | 'accepted' | 'in_provisioning' | 'completed' | 'rejected' | 'cancelled';
