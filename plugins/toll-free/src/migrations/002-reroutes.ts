import type { Knex } from 'knex';

/**
 * Emergency re-routes: all calls to some of a customer's numbers go to one destination until the
 * re-route expires or is undone, whatever their plans say; the plans themselves are untouched, so
 * when it ends the plan active then routes again. `toll_free_reroute_numbers` holds the numbers
 * of re-routes still in force, one re-route per number (its key), so two racing re-routes of one
 * number cannot both win; a re-route's numbers stay in its own row for the record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('toll_free_reroutes', (t) => {
    t.string('id', 36).notNullable().primary('toll_free_reroutes_key');
    t.string('tenant_id', 64).notNullable();
    // JSON: the numbers (E.164) and the destination (as a plan's route node has it).
    t.text('numbers').notNullable();
    t.text('destination').notNullable();
    t.string('reason', 200).nullable();
    t.string('created_by', 128).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('expires_at', 24).notNullable();
    t.string('ended_at', 24).nullable();
    t.string('ended_by', 128).nullable();
    t.index(['tenant_id', 'created_at'], 'toll_free_reroutes_tenant');
  });
  await knex.schema.createTable('toll_free_reroute_numbers', (t) => {
    t.string('number', 16).notNullable().primary('toll_free_reroute_numbers_key');
    t.string('reroute_id', 36).notNullable();
    t.string('tenant_id', 64).notNullable();
    t.index(['reroute_id'], 'toll_free_reroute_numbers_reroute');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('toll_free_reroute_numbers');
  await knex.schema.dropTable('toll_free_reroutes');
}
