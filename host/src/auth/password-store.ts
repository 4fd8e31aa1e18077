import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '@switchboard/sdk';
import { ARGON2ID_PARAMETERS, hashPassword, needsRehash, verifyPassword, type Argon2Parameters } from './password-hash.js';
import { PASSWORDS_TABLE, isoTime } from './tables.js';

export interface PasswordStoreOptions {
  knex: Knex;
  clock: Clock;
  /** The parameters new hashes are made with (tests of the rehash path lower them). */
  parameters?: Argon2Parameters;
}

/** Users' password hashes. Policy checks (checkPassword) are the caller's, before set(). */
export class PasswordStore {
  private readonly knex: Knex;
  private readonly clock: Clock;
  private readonly parameters: Argon2Parameters;
  /** A hash of a random password nobody knows, verified against when a user has none. */
  private dummyHash: Promise<string> | undefined;

  constructor({ knex, clock, parameters = ARGON2ID_PARAMETERS }: PasswordStoreOptions) {
    this.knex = knex;
    this.clock = clock;
    this.parameters = parameters;
  }

  /** Stores a new password for the user, replacing any earlier one, and notes when it changed. */
  async set(userId: string, password: string): Promise<void> {
    const hash = await hashPassword(password, this.parameters);
    const changedAt = isoTime(this.clock.now());
    await this.knex(PASSWORDS_TABLE)
      .insert({ user_id: userId, hash, changed_at: changedAt })
      .onConflict('user_id')
      .merge(['hash', 'changed_at']);
  }

  /**
   * True when the password is the user's. A user without a password (unknown, or not set up yet)
   * costs the same argon2 work as one with, so the answer's timing does not reveal which. A hash
   * made with weaker parameters than the current ones is replaced after a successful check.
   */
  async verify(userId: string, password: string): Promise<boolean> {
    const row: { hash: string } | undefined = await this.knex(PASSWORDS_TABLE).first('hash').where({ user_id: userId });
    if (!row) {
      await verifyPassword(await this.dummy(), password);
      return false;
    }
    const valid = await verifyPassword(row.hash, password);
    if (valid && needsRehash(row.hash, this.parameters)) await this.upgrade(userId, row.hash, password);
    return valid;
  }

  async has(userId: string): Promise<boolean> {
    return (await this.knex(PASSWORDS_TABLE).first('user_id').where({ user_id: userId })) !== undefined;
  }

  /** When the password was last set, or null without one. */
  async changedAt(userId: string): Promise<Date | null> {
    const row: { changed_at: string } | undefined = await this.knex(PASSWORDS_TABLE).first('changed_at').where({ user_id: userId });
    return row ? new Date(row.changed_at) : null;
  }

  async remove(userId: string): Promise<void> {
    await this.knex(PASSWORDS_TABLE).where({ user_id: userId }).delete();
  }

  /** Rehashes only if the row still holds the hash just verified: a concurrent password change wins. */
  private async upgrade(userId: string, oldHash: string, password: string): Promise<void> {
    const hash = await hashPassword(password, this.parameters);
    await this.knex(PASSWORDS_TABLE).where({ user_id: userId, hash: oldHash }).update({ hash });
  }

  private dummy(): Promise<string> {
    // Made with the current parameters, so that it costs what a real user's hash costs.
    return (this.dummyHash ??= hashPassword(randomBytes(32).toString('base64url'), this.parameters));
  }
}
