import type { Knex } from 'knex';

/**
 * Who owns each telephone number, so that the network's records (which know numbers, not
 * customers) are attributed to a tenant. The orders plugin will own the number inventory; until
 * it does, carrier staff keep this table through the traffic plugin's API.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('traffic_numbers', (t) => {
    // E.164, as call records carry it.
    t.string('number', 16).notNullable();
    t.string('tenant_id', 64).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.primary(['number'], 'traffic_numbers_key');
    t.index(['tenant_id', 'number'], 'traffic_numbers_tenant');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('traffic_numbers');
}
