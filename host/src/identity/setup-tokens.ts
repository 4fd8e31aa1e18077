import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '@switchboard/sdk';

const TABLE = 'host_setup_tokens';
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * One-time links that let a new user set their password. Only the token's hash is stored; a link
 * works once and for a limited time, and a new link for the same user cancels the older ones.
 */
export class SetupTokens {
  constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
    private readonly ttlMs = 72 * 3600 * 1000,
  ) {}

  async issue(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.knex.transaction(async (trx) => {
      await trx(TABLE).where({ user_id: userId }).whereNull('used_at').delete();
      await trx(TABLE).insert({ token_hash: hashOf(token), user_id: userId, expires_at: new Date(this.clock.now().getTime() + this.ttlMs).toISOString(), used_at: null });
    });
    return token;
  }

  /** The user a live token is for, without using it up. */
  async peek(token: string): Promise<string | null> {
    const row = (await this.knex(TABLE).where({ token_hash: hashOf(token) }).whereNull('used_at').first()) as { user_id: string; expires_at: string } | undefined;
    return row && Date.parse(row.expires_at) > this.clock.now().getTime() ? row.user_id : null;
  }

  /** Uses the token up: true for the one caller that did, even when two race. */
  async redeem(token: string, userId: string): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const updated = await this.knex(TABLE).where({ token_hash: hashOf(token), user_id: userId }).whereNull('used_at').where('expires_at', '>', now).update({ used_at: now });
    return updated === 1;
  }
}
