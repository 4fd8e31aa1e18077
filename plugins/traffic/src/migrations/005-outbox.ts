import type { Knex } from 'knex';

/**
 * Committed calls not yet published on the event bus: one row per ingest batch, written in the
 * batch's own transaction and deleted once its calls are published. A row left behind (the
 * process stopped, or the bus failed, between commit and publish) is published by the relay, so
 * every committed call reaches the bus at least once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('traffic_outbox', (t) => {
    t.increments('id').primary();
    // The batch's stored call ids, as a JSON array: on PostgreSQL concurrent batches interleave
    // ids, so a range would name other batches' calls.
    t.text('call_ids').notNullable();
    t.string('created_at', 24).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('traffic_outbox');
}
