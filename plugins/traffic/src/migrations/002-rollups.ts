import type { Knex } from 'knex';

/**
 * Per-minute and per-hour rollups of the calls, kept up to date by every ingest so that history
 * views and reports over months read these instead of the raw records (which the retention purge
 * removes; these stay). One row per bucket and key; every count column is a sum, so each batch
 * adds to the rows it touches with one upsert per row.
 */
export async function up(knex: Knex): Promise<void> {
  for (const table of ['traffic_rollups_minute', 'traffic_rollups_hour']) {
    await knex.schema.createTable(table, (t) => {
      // Key columns hold '' for "none", never NULL: a unique key treats NULLs as distinct, and the
      // upsert would then insert a second row instead of adding to the first.
      t.string('tenant_id', 64).notNullable();
      t.string('bucket_start', 24).notNullable();
      t.string('dialed_number', 16).notNullable();
      t.string('destination', 64).notNullable();
      t.string('call_center', 64).notNullable();
      t.string('disposition', 16).notNullable();
      t.string('origin_state', 16).notNullable();
      t.integer('attempts').notNullable();
      t.integer('answered').notNullable();
      t.integer('busy').notNullable();
      t.integer('no_answer').notNullable();
      t.integer('failed').notNullable();
      t.integer('blocked').notNullable();
      t.integer('terminal_rejects').notNullable();
      // Sums of seconds outgrow 32 bits sooner than counts do on a busy number's hour.
      t.bigInteger('duration_seconds').notNullable();
      t.bigInteger('billable_seconds').notNullable();
      // Tenant and bucket first: every read asks for one tenant's buckets in a time window.
      t.primary(['tenant_id', 'bucket_start', 'dialed_number', 'destination', 'call_center', 'disposition', 'origin_state'], `${table}_key`);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('traffic_rollups_hour');
  await knex.schema.dropTable('traffic_rollups_minute');
}
