import type { Knex } from 'knex';

/**
 * Browser sessions, the OpenID Provider's own records, its signing keys, API client secrets and
 * one-time setup links.
 * Cookie values, setup tokens and client secrets are never stored: only their sha256, which is enough because
 * both are 256-bit random values.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('host_sessions', (t) => {
    t.string('id_hash', 64).primary();
    t.string('user_id', 64).notNullable().index();
    t.string('csrf_token', 64).notNullable();
    t.string('oidc_session_uid', 64);
    t.string('created_at', 32).notNullable();
    t.string('last_seen_at', 32).notNullable();
    t.string('ip', 64);
    t.string('user_agent', 300);
  });
  // One row per oidc-provider model instance (sessions, interactions, codes, grants...).
  await knex.schema.createTable('host_oidc', (t) => {
    t.string('kind', 40).notNullable();
    t.string('id', 200).notNullable();
    t.text('payload').notNullable();
    t.string('grant_id', 200).index();
    t.string('uid', 200).index();
    t.string('user_code', 200).index();
    t.bigInteger('expires_at');
    t.bigInteger('consumed_at');
    t.primary(['kind', 'id']);
  });
  await knex.schema.createTable('host_oidc_keys', (t) => {
    t.string('kid', 64).primary();
    t.string('use', 16).notNullable();
    t.text('jwk').notNullable();
    t.string('created_at', 32).notNullable();
    t.string('retired_at', 32);
  });
  // One-time links a new user follows to set their password.
  await knex.schema.createTable('host_setup_tokens', (t) => {
    t.string('token_hash', 64).primary();
    t.string('user_id', 64).notNullable().index();
    t.string('expires_at', 32).notNullable();
    t.string('used_at', 32);
  });
  await knex.schema.createTable('host_client_credentials', (t) => {
    t.string('client_id', 64).primary();
    t.string('secret_hash', 64).notNullable();
    t.text('redirect_uris').notNullable();
    t.text('grant_types').notNullable();
    t.string('created_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['host_client_credentials', 'host_setup_tokens', 'host_oidc_keys', 'host_oidc', 'host_sessions']) await knex.schema.dropTable(table);
}
