import type { Knex } from 'knex';

/** The audit trail: append-only, each row chained to the one before by its hash. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('host_audit', (t) => {
    t.bigInteger('seq').primary();
    t.string('at', 32).notNullable();
    t.string('actor_kind', 16).notNullable();
    t.string('actor_subject', 128).notNullable();
    t.string('actor_name', 200);
    t.string('tenant_id', 64).notNullable();
    t.string('plugin', 40).notNullable();
    t.string('action', 300).notNullable();
    t.string('resource', 200);
    t.integer('outcome').notNullable();
    t.string('request_id', 128);
    t.text('details');
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.index(['tenant_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('host_audit');
}
