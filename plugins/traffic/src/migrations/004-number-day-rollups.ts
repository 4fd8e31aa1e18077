import type { Knex } from 'knex';

/**
 * A narrow rollup beside the wide minute and hour ones: per tenant, UTC day and dialed number
 * only. A 30-day summary of a busy customer reads a few thousand of these rows instead of the
 * hundreds of thousands of hour rows that also split by destination, call center, disposition and
 * origin. Kept up to date by every ingest, in the same transaction as the calls and the other
 * rollups; filled here from the hour rows already stored, so the first summary after the upgrade
 * counts every call the hour rows hold (including those whose raw records were purged).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('traffic_rollups_number_day', (t) => {
    t.string('tenant_id', 64).notNullable();
    // Midnight UTC of the day, as ISO 8601 (2024-03-01T00:00:00.000Z), like the other buckets.
    t.string('bucket_start', 24).notNullable();
    t.string('dialed_number', 16).notNullable();
    t.integer('attempts').notNullable();
    t.integer('answered').notNullable();
    t.integer('busy').notNullable();
    t.integer('no_answer').notNullable();
    t.integer('failed').notNullable();
    t.integer('blocked').notNullable();
    t.integer('terminal_rejects').notNullable();
    t.bigInteger('duration_seconds').notNullable();
    t.bigInteger('billable_seconds').notNullable();
    t.primary(['tenant_id', 'bucket_start', 'dialed_number'], 'traffic_rollups_number_day_key');
  });
  const counts = ['attempts', 'answered', 'busy', 'no_answer', 'failed', 'blocked', 'terminal_rejects', 'duration_seconds', 'billable_seconds'];
  // substr and || work alike on SQLite and PostgreSQL. The select's columns are in the table's order.
  const day = knex.raw("substr(bucket_start, 1, 10) || 'T00:00:00.000Z'");
  await knex('traffic_rollups_number_day').insert(
    knex('traffic_rollups_hour')
      .select('tenant_id', knex.raw('? as bucket_start', [day]), 'dialed_number')
      .sum(Object.fromEntries(counts.map((column) => [column, column])))
      .groupBy('tenant_id', day, 'dialed_number'),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('traffic_rollups_number_day');
}
