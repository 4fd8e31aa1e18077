import { ApiError, type ErrorBody } from '@switchboard/sdk';
import type { OrderStatus } from '../events.js';

export const ORDER_STATUSES = ['submitted', 'accepted', 'in_provisioning', 'completed', 'rejected', 'cancelled'] as const satisfies readonly OrderStatus[];

/**
 * Where an order may go from each status. Staff accept, provision and complete, or reject at any
 * point before completion; the customer may cancel only while nobody has started on the order.
 */
export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  submitted: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in_provisioning', 'rejected'],
  in_provisioning: ['completed', 'rejected'],
  completed: [],
  rejected: [],
  cancelled: [],
};

/** The statuses in which an order waits for someone to act: the fulfilment queue's. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['submitted', 'accepted', 'in_provisioning'];

/** 409 `invalid_transition`: the answer carries the statuses the order may go to (`allowed`), for clients to offer. */
export class TransitionRefused extends ApiError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    const allowed = NEXT_STATUSES[from];
    const next = allowed.length ? `it can go to ${allowed.join(', ')}` : 'that is final';
    super(409, 'invalid_transition', `The order is ${from}; it cannot become ${to}: ${next}.`, [{ field: 'status', message: `cannot go from ${from} to ${to}` }]);
    this.name = 'TransitionRefused';
  }

  get allowed(): readonly OrderStatus[] {
    return NEXT_STATUSES[this.from];
  }

  override toBody(requestId?: string): ErrorBody & { error: { status: OrderStatus; allowed: readonly OrderStatus[] } } {
    const body = super.toBody(requestId);
    return { error: { ...body.error, status: this.from, allowed: this.allowed } };
  }
}

/** Refuses (409 with the allowed next statuses) unless the order may go from `from` to `to`. */
export function requireTransition(from: OrderStatus, to: OrderStatus): void {
  if (!NEXT_STATUSES[from].includes(to)) throw new TransitionRefused(from, to);
}
