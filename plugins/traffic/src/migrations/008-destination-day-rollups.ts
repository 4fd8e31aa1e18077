import type { Knex } from 'knex';
import { callUpsert } from './007-rollup-trigger.js';

const COUNTS = ['attempts', 'answered', 'busy', 'no_answer', 'failed', 'blocked', 'terminal_rejects', 'duration_seconds', 'billable_seconds'];
const KEYS = ['tenant_id', 'bucket_start', 'dialed_number', 'destination', 'call_center'];

/**
 * Per tenant, UTC day, dialed number, destination and call center: what a day summary split by
 * destination or call center reads (a month of a busy customer is days x numbers x destinations
 * rows) instead of the month's wide hour rows, which also split by disposition and origin and are
 * about as many as the calls (20 s over 10 M calls). Kept by every ingest in the same transaction
 * as the calls, like the other rollups: on SQLite by a second trigger on traffic_calls, on
 * PostgreSQL by RollupFromCalls. Filled here from the hour rows already stored.
 */
export async function up(knex: Knex): Promise<void> {
  const sqlite = knex.client.config.client === 'sqlite3';
  await knex.schema.createTable('traffic_rollups_destination_day', (t) => {
    t.string('tenant_id', 64).notNullable();
    // Midnight UTC of the day, as ISO 8601, like the other buckets.
    t.string('bucket_start', 24).notNullable();
    t.string('dialed_number', 16).notNullable();
    // '' for none, never NULL, as in the wide rollups.
    t.string('destination', 64).notNullable();
    t.string('call_center', 64).notNullable();
    for (const count of COUNTS.slice(0, 7)) t.integer(count).notNullable();
    t.bigInteger('duration_seconds').notNullable();
    t.bigInteger('billable_seconds').notNullable();
    t.primary(KEYS, 'traffic_rollups_destination_day_key');
  });
  if (sqlite) {
    // Clustered on its key, as migration 006 made the other rollups.
    const [{ sql }] = (await knex('sqlite_master').select('sql').where({ type: 'table', name: 'traffic_rollups_destination_day' })) as { sql: string }[];
    await knex.schema.dropTable('traffic_rollups_destination_day');
    const clustered = `${sql} without rowid`;
    await knex.raw(clustered);
  }
  const day = knex.raw("substr(bucket_start, 1, 10) || 'T00:00:00.000Z'");
  await knex('traffic_rollups_destination_day').insert(
    knex('traffic_rollups_hour')
      .select('tenant_id', knex.raw('? as bucket_start', [day]), 'dialed_number', 'destination', 'call_center')
      .sum(Object.fromEntries(COUNTS.map((column) => [column, column])))
      .groupBy('tenant_id', day, 'dialed_number', 'destination', 'call_center'),
  );
  if (!sqlite) return;
  const keys = [
    ['tenant_id', 'new.tenant_id'],
    ['bucket_start', "substr(new.started_at, 1, 10) || 'T00:00:00.000Z'"],
    ['dialed_number', 'new.dialed_number'],
    ['destination', "coalesce(new.destination, '')"],
    ['call_center', "coalesce(new.call_center, '')"],
  ];
  // The same upsert as each of migration 007's trigger, for this table.
  const trigger = ['create trigger traffic_calls_destination_day_rollup after insert on traffic_calls for each row begin', callUpsert('traffic_rollups_destination_day', keys), 'end'].join('\n');
  await knex.raw(trigger);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'sqlite3') await knex.raw('drop trigger if exists traffic_calls_destination_day_rollup');
  await knex.schema.dropTable('traffic_rollups_destination_day');
}
