import type { Knex } from 'knex';

/**
 * Routing plans, their versions and the numbers they are attached to. A plan's versions are
 * numbered from 1; each is a draft, scheduled, active or superseded (the registry's SAVED /
 * PENDING / ACTIVE / OLD). `revision` on the plan counts every change to it or its versions: an
 * edit must name the revision it was based on, so one based on a stale read is refused (409)
 * instead of overwriting what someone else saved. Times are ISO 8601 text in UTC with
 * milliseconds: they sort as text on both dialects.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('toll_free_plans', (t) => {
    t.string('id', 36).notNullable().primary('toll_free_plans_key');
    t.string('tenant_id', 64).notNullable();
    t.string('name', 100).notNullable();
    t.integer('revision').notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.index(['tenant_id', 'name'], 'toll_free_plans_tenant');
  });
  await knex.schema.createTable('toll_free_plan_versions', (t) => {
    t.string('plan_id', 36).notNullable();
    t.integer('version').notNullable();
    t.string('tenant_id', 64).notNullable();
    t.string('state', 16).notNullable();
    // The tree as JSON (the model's stored form).
    t.text('tree').notNullable();
    t.string('effective_at', 24).nullable();
    t.string('created_by', 128).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('activated_at', 24).nullable();
    t.string('superseded_at', 24).nullable();
    t.primary(['plan_id', 'version'], 'toll_free_plan_versions_key');
    // The scheduler's question: which scheduled versions are due.
    t.index(['state', 'effective_at'], 'toll_free_plan_versions_due');
  });
  await knex.schema.createTable('toll_free_plan_numbers', (t) => {
    // A toll-free number is routed by one plan at a time.
    t.string('number', 16).notNullable().primary('toll_free_plan_numbers_key');
    t.string('plan_id', 36).notNullable();
    t.string('tenant_id', 64).notNullable();
    t.index(['plan_id'], 'toll_free_plan_numbers_plan');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('toll_free_plan_numbers');
  await knex.schema.dropTable('toll_free_plan_versions');
  await knex.schema.dropTable('toll_free_plans');
}
