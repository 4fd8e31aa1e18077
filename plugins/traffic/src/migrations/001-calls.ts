import type { Knex } from 'knex';

/**
 * Raw call records, one row per call, in the canonical record's fields. Times are ISO 8601 text in
 * UTC with milliseconds, as in the record: they sort as text on both dialects and come back exactly
 * as they went in.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('traffic_calls', (t) => {
    // A surrogate key: a stable cursor for paging and for the live stream, and the handle the
    // retention purge deletes by. The call's own identity is (source, source_id), unique below.
    t.bigIncrements('id');
    t.string('source', 64).notNullable();
    t.string('source_id', 128).notNullable();
    t.string('tenant_id', 64).notNullable();
    t.string('service', 16).notNullable();
    t.string('direction', 8).notNullable();
    t.string('calling_number', 16).nullable();
    t.string('dialed_number', 16).notNullable();
    t.string('origin_npa', 3).nullable();
    t.string('origin_state', 16).nullable();
    t.string('origin_country', 2).nullable();
    t.string('origin_time_zone', 40).nullable();
    t.string('started_at', 24).notNullable();
    t.string('answered_at', 24).nullable();
    t.string('ended_at', 24).notNullable();
    t.integer('duration_seconds').notNullable();
    t.integer('billable_seconds').notNullable();
    t.string('disposition', 16).notNullable();
    t.integer('release_cause').nullable();
    t.string('destination', 64).nullable();
    t.string('routing_plan_id', 64).nullable();
    t.integer('routing_plan_version').nullable();
    t.string('call_center', 64).nullable();
    t.string('trunk', 64).nullable();
    // When Switchboard committed the record: how late the network reports, and whether it still does.
    t.string('received_at', 24).notNullable();
    // A record sent twice (a switch retrying after a lost answer) is one call: the ingest inserts with
    // "on conflict do nothing" against this key and counts only the rows that went in.
    t.unique(['source', 'source_id'], { indexName: 'traffic_calls_source_key' });
    // A tenant's calls in a time window, newest first: the calls list and recounts.
    t.index(['tenant_id', 'started_at'], 'traffic_calls_tenant_started');
    // The retention purge deletes by start time across every tenant.
    t.index(['started_at'], 'traffic_calls_started');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('traffic_calls');
}
