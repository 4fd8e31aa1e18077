import type { Knex } from 'knex';

/**
 * Orders to add, change or remove services, and every step of each one's life (who moved it to
 * which status, when, and why). Times are ISO 8601 text in UTC with milliseconds.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orders_orders', (t) => {
    t.string('id', 40).primary();
    // The tenant that placed the order, whose services it changes.
    t.string('tenant_id', 64).notNullable();
    t.string('status', 16).notNullable();
    // The order's lines as JSON: what to add, change or remove, and the numbers reserved for it.
    t.text('items').notNullable();
    t.text('note').nullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    // A tenant's orders, newest first; the fulfilment queue, oldest open order first.
    t.index(['tenant_id', 'created_at'], 'orders_orders_tenant_created');
    t.index(['status', 'created_at'], 'orders_orders_status_created');
  });
  await knex.schema.createTable('orders_order_steps', (t) => {
    t.increments('id');
    t.string('order_id', 40).notNullable();
    t.string('tenant_id', 64).notNullable();
    t.string('status', 16).notNullable();
    t.string('at', 24).notNullable();
    t.string('actor_kind', 16).notNullable();
    t.string('actor_subject', 128).notNullable();
    t.string('actor_name', 200).nullable();
    t.text('note').nullable();
    t.index(['order_id', 'id'], 'orders_order_steps_order');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('orders_order_steps');
  await knex.schema.dropTable('orders_orders');
}
