import type { Knex } from 'knex';

/**
 * Credentials and sign-in throttling, keyed by the user's id as a string. No foreign key to
 * host_users: the credential tables must not depend on the directory's schema or on the order the
 * two are created in; the directory removes a user's credentials through the credential store.
 * Times are ISO 8601 text in UTC, as in host_audit: the same value back from both dialects, and it
 * sorts as time does.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('host_passwords', (t) => {
    t.string('user_id', 128).primary();
    /** argon2id PHC string, parameters and salt included. */
    t.string('hash', 255).notNullable();
    t.string('changed_at', 32).notNullable();
  });

  await knex.schema.createTable('host_totp', (t) => {
    t.string('user_id', 128).primary();
    /** The active secret (sealed), or null while only an enrolment is pending. */
    t.text('secret');
    t.string('enabled_at', 32);
    /** The last RFC 6238 time step accepted: it and earlier ones are refused, so no code is used twice. */
    t.integer('last_step');
    /** A secret being enrolled (sealed): it becomes active once the user confirms it with a code. */
    t.text('pending_secret');
    t.string('pending_since', 32);
  });

  await knex.schema.createTable('host_recovery_codes', (t) => {
    t.string('user_id', 128).notNullable();
    /** SHA-256 (hex) of the canonical code; the code itself is shown once and never stored. */
    t.string('code_hash', 64).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('used_at', 32);
    t.primary(['user_id', 'code_hash']);
  });

  // One row per scope for each sign-in attempt that has not proved itself: in progress, or failed.
  // Subjects are SHA-256 digests of the normalised login or of the source address, so the table
  // holds neither typed logins (sometimes a password typed into the wrong field) nor addresses.
  await knex.schema.createTable('host_login_failures', (t) => {
    t.string('attempt_id', 32).notNullable();
    /** 'account' or 'address'. */
    t.string('scope', 8).notNullable();
    t.string('subject', 64).notNullable();
    t.string('at', 32).notNullable();
    /** False while the attempt is in progress; true once its credentials were wrong. */
    t.boolean('failed').notNullable().defaultTo(false);
    t.primary(['attempt_id', 'scope']);
    t.index(['scope', 'subject', 'at']);
  });

  await knex.schema.createTable('host_login_locks', (t) => {
    t.string('scope', 8).notNullable();
    t.string('subject', 64).notNullable();
    t.string('locked_until', 32).notNullable();
    t.primary(['scope', 'subject']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['host_login_locks', 'host_login_failures', 'host_recovery_codes', 'host_totp', 'host_passwords']) {
    await knex.schema.dropTableIfExists(table);
  }
}
