import type { Knex } from 'knex';

/**
 * The directory: the tenant tree, subscriptions, users, roles, grants and API clients.
 * Ids are strings, times ISO 8601 text, JSON is text: the same values come back from both dialects.
 * Credentials (passwords, TOTP) and client secrets live elsewhere, keyed by these ids.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('host_tenants', (t) => {
    t.string('id', 63).primary();
    t.string('parent_id', 63).references('id').inTable('host_tenants');
    t.string('kind', 16).notNullable();
    // True for the carrier and null for everyone else: the unique index then allows exactly one
    // carrier (nulls never collide), portably and even when two processes seed at once.
    t.boolean('is_root').unique();
    t.string('name', 200).notNullable();
    // The ids from the root down, slash-separated and slash-terminated ('/carrier/northwind/acme/'):
    // a subtree is `path LIKE '<path>%'`, one indexed range scan. Ids are slugs, so they never
    // contain LIKE's wildcards.
    t.string('path', 400).notNullable().index();
    t.string('status', 16).notNullable().defaultTo('active');
    t.string('theme', 64);
    t.boolean('mfa_required').notNullable().defaultTo(false);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('host_subscriptions', (t) => {
    t.string('tenant_id', 63).notNullable().references('id').inTable('host_tenants');
    t.string('plugin', 32).notNullable();
    t.string('created_at', 32).notNullable();
    t.primary(['tenant_id', 'plugin']);
  });

  await knex.schema.createTable('host_users', (t) => {
    t.string('id', 64).primary();
    t.string('tenant_id', 63).notNullable().references('id').inTable('host_tenants').index();
    t.string('login', 128).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('email', 254).notNullable();
    t.string('status', 16).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('host_roles', (t) => {
    t.string('id', 64).primary();
    t.string('tenant_id', 63).references('id').inTable('host_tenants');
    t.string('name', 100).notNullable();
    t.string('description', 500).notNullable().defaultTo('');
    t.text('entitlements').notNullable();
    t.boolean('built_in').notNullable().defaultTo(false);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.unique(['tenant_id', 'name']);
  });

  await knex.schema.createTable('host_grants', (t) => {
    t.string('id', 64).primary();
    // The subject's tenant, so that listing a subtree's grants needs no join on two subject tables.
    t.string('tenant_id', 63).notNullable().references('id').inTable('host_tenants').index();
    t.string('subject_kind', 16).notNullable();
    t.string('subject_id', 64).notNullable();
    t.string('role_id', 64).notNullable().references('id').inTable('host_roles').index();
    t.text('scope');
    t.string('granted_by', 128).notNullable();
    t.string('created_at', 32).notNullable();
    t.index(['subject_kind', 'subject_id']);
  });

  await knex.schema.createTable('host_clients', (t) => {
    t.string('id', 64).primary();
    t.string('tenant_id', 63).notNullable().references('id').inTable('host_tenants').index();
    t.string('name', 200).notNullable();
    t.string('kind', 16).notNullable();
    t.string('status', 16).notNullable();
    t.string('created_by', 128).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  const now = new Date().toISOString();
  await knex('host_roles').insert(
    BUILT_IN_ROLES.map((role) => ({
      ...role,
      tenant_id: null,
      entitlements: JSON.stringify(role.entitlements),
      built_in: true,
      created_at: now,
      updated_at: now,
    })),
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['host_clients', 'host_grants', 'host_roles', 'host_users', 'host_subscriptions', 'host_tenants']) {
    await knex.schema.dropTable(table);
  }
}

/**
 * The roles every tenant sees, as they were first defined. A migration is a snapshot: a later
 * change to these roles is a later migration, never an edit here.
 */
const BUILT_IN_ROLES = [
  {
    id: 'administrator',
    name: 'Administrator',
    description: 'Everything the tenant subscribes to, including users, roles and API clients',
    entitlements: ['*:*'],
  },
  {
    id: 'network-manager',
    name: 'Network manager',
    description: 'Runs the voice and data services: traffic, routing, call centers, outbound, alarms, tickets, circuits',
    entitlements: ['traffic:*', 'toll-free:*', 'call-center:*', 'outbound:*', 'events:*', 'service-inquiry:*', 'broadband:*'],
  },
  {
    id: 'analyst',
    name: 'Analyst',
    description: 'Reads everything and runs reports',
    entitlements: ['*:*.read', 'reports:*'],
  },
  {
    id: 'billing',
    name: 'Billing',
    description: 'Invoices, payments and statements, and reading reports',
    entitlements: ['billing:*', 'reports:*.read'],
  },
];
