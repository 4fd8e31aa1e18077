import type { OrderStatus } from '../events.js';
import { NEXT_STATUSES } from './life-cycle.js';

export type OrderAction = 'add' | 'change' | 'remove';

/** One line of an order as stored: what it does to which service, and the numbers it involves. */
export interface OrderItem {
  action: OrderAction;
  /** `<plugin>:<service>`. */
  service: string;
  plugin: string;
  /** Numbers reserved for this line at submission, assigned on completion. */
  reserved: string[];
  /** Numbers this line disconnects on completion. */
  disconnect: string[];
}

export interface Actor {
  kind: string;
  subject: string;
  name: string | null;
}

/** One step of an order's life: who moved it to which status, when, and why. */
export interface OrderStep {
  status: OrderStatus;
  at: string;
  by: Actor;
  note: string | null;
}

export interface Order {
  id: string;
  tenantId: string;
  status: OrderStatus;
  /** Where it may go next (who may take it is another matter). */
  next: readonly OrderStatus[];
  items: OrderItem[];
  note: string | null;
  createdAt: string;
  updatedAt: string;
  /** Every step so far, oldest first; only when one order is asked for. */
  steps?: OrderStep[];
}

export interface OrderRow {
  id: string;
  tenant_id: string;
  status: OrderStatus;
  items: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface StepRow {
  id?: number;
  order_id: string;
  tenant_id: string;
  status: OrderStatus;
  at: string;
  actor_kind: string;
  actor_subject: string;
  actor_name: string | null;
  note: string | null;
}

export const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  tenantId: row.tenant_id,
  status: row.status,
  next: NEXT_STATUSES[row.status],
  items: JSON.parse(row.items) as OrderItem[],
  note: row.note,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toStep = (row: StepRow): OrderStep => ({
  status: row.status,
  at: row.at,
  by: { kind: row.actor_kind, subject: row.actor_subject, name: row.actor_name },
  note: row.note,
});
