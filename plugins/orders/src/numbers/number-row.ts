/** The states of a toll-free number in the inventory, in the order a number goes through them. */
export const NUMBER_STATES = ['spare', 'reserved', 'assigned', 'disconnected'] as const;
export type NumberState = (typeof NUMBER_STATES)[number];

/** The states in which a number belongs to a tenant, and the tenant may see it. */
export const HELD_STATES: readonly NumberState[] = ['reserved', 'assigned'];

/** One number of the inventory, as the API shows it. */
export interface InventoryNumber {
  /** E.164, `+18005550100`. */
  number: string;
  state: NumberState;
  /** Who holds it (reserved, assigned), or had it (disconnected); null when spare. */
  tenantId: string | null;
  /** The order that reserved, assigned or disconnected it. */
  orderId: string | null;
  /** When it entered its state. */
  since: string;
  /** Reserved: when the reservation lapses. */
  reservedUntil: string | null;
  /** Disconnected: when it is spare again. */
  availableAt: string | null;
}

export interface NumberRow {
  number: string;
  state: NumberState;
  tenant_id: string | null;
  order_id: string | null;
  state_since: string;
  reserved_until: string | null;
  available_at: string | null;
  created_at: string;
  updated_at: string;
}

export const toInventoryNumber = (row: NumberRow): InventoryNumber => ({
  number: row.number,
  state: row.state,
  tenantId: row.tenant_id,
  orderId: row.order_id,
  since: row.state_since,
  reservedUntil: row.reserved_until,
  availableAt: row.available_at,
});

/** A number held by a tenant that lost it: to whom it went back, for events and the audit trail. */
export interface Released {
  number: string;
  tenantId: string;
  orderId: string | null;
}
