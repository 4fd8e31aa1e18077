import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fixture_entries', (table) => {
    table.increments('id');
    table.integer('list_id').notNullable().references('id').inTable('fixture_lists');
    table.string('tenant_id').notNullable();
    table.string('text').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fixture_entries');
}
