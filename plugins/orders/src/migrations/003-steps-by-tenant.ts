import type { Knex } from 'knex';

/** The steps of a tenant's orders, newest first: what the shell's notifications read. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders_order_steps', (t) => {
    t.index(['tenant_id', 'id'], 'orders_order_steps_tenant');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders_order_steps', (t) => {
    t.dropIndex(['tenant_id', 'id'], 'orders_order_steps_tenant');
  });
}
