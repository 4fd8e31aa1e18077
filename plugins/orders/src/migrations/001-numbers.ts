import type { Knex } from 'knex';

/**
 * The toll-free number inventory: one row per number the carrier holds, in one state at a time
 * (spare, reserved, assigned, disconnected). Times are ISO 8601 text in UTC with milliseconds:
 * they sort as text on both dialects and come back exactly as they went in.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orders_numbers', (t) => {
    // E.164, `+18005550100`: one spelling, so a number is found however it was typed.
    t.string('number', 16).primary();
    t.string('state', 16).notNullable();
    // Reserved and assigned: the tenant holding it. Disconnected: the tenant that had it (history,
    // never shown to it). Spare: null.
    t.string('tenant_id', 64).nullable();
    // The order that reserved, assigned or disconnected it.
    t.string('order_id', 40).nullable();
    t.string('state_since', 24).notNullable();
    // Reserved only: when the reservation lapses and the number goes back to spare.
    t.string('reserved_until', 24).nullable();
    // Disconnected only: when the aging period ends and the number may go to someone else.
    t.string('available_at', 24).nullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    // The vanity search pages through spare numbers in number order.
    t.index(['state', 'number'], 'orders_numbers_state_number');
    // A tenant's numbers, and an order's.
    t.index(['tenant_id', 'state'], 'orders_numbers_tenant_state');
    t.index(['order_id'], 'orders_numbers_order');
    // The sweep: lapsed reservations and aged disconnections.
    t.index(['state', 'reserved_until'], 'orders_numbers_reserved_until');
    t.index(['state', 'available_at'], 'orders_numbers_available_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('orders_numbers');
}
