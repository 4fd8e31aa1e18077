import type { Knex } from 'knex';

// A plugin's first migration, as plugins write them: compiled to .js next to its .d.ts and .map.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fixture_lists', (table) => {
    table.increments('id');
    table.string('tenant_id').notNullable();
    table.string('name').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fixture_lists');
}
