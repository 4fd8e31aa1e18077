import type { Knex } from 'knex';
import type { Clock } from '@switchboard/sdk';
import { RECOVERY_CODE_COUNT, canonicalRecoveryCode, newRecoveryCode, recoveryCodeDigest } from './recovery-code.js';
import { RECOVERY_CODES_TABLE, isoTime } from './tables.js';

export interface RecoveryCodeStoreOptions {
  knex: Knex;
  clock: Clock;
}

/** One-time codes that stand in for the second factor when the user's authenticator is lost. */
export class RecoveryCodeStore {
  private readonly knex: Knex;
  private readonly clock: Clock;

  constructor({ knex, clock }: RecoveryCodeStoreOptions) {
    this.knex = knex;
    this.clock = clock;
  }

  /**
   * Ten new codes, returned to be shown once; only their digests are stored. They replace every
   * earlier code of the user, used or not.
   */
  async generate(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    const createdAt = isoTime(this.clock.now());
    const rows = codes.map((code) => ({ user_id: userId, code_hash: recoveryCodeDigest(canonicalRecoveryCode(code)!), created_at: createdAt }));
    await this.knex.transaction(async (trx) => {
      await trx(RECOVERY_CODES_TABLE).where({ user_id: userId }).delete();
      await trx(RECOVERY_CODES_TABLE).insert(rows);
    });
    return codes;
  }

  /**
   * True when the code is one of the user's unused codes, which it marks used in the same
   * statement: two requests with one code cannot both succeed. Spacing, dashes and case as typed
   * do not matter.
   */
  async use(userId: string, typed: string): Promise<boolean> {
    const canonical = canonicalRecoveryCode(typed);
    if (canonical === null) return false;
    const updated = await this.knex(RECOVERY_CODES_TABLE)
      .where({ user_id: userId, code_hash: recoveryCodeDigest(canonical) })
      .whereNull('used_at')
      .update({ used_at: isoTime(this.clock.now()) });
    return updated === 1;
  }

  /** How many unused codes the user has left (the page suggests new ones when few remain). */
  async remaining(userId: string): Promise<number> {
    const row = await this.knex(RECOVERY_CODES_TABLE).where({ user_id: userId }).whereNull('used_at').count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async remove(userId: string): Promise<void> {
    await this.knex(RECOVERY_CODES_TABLE).where({ user_id: userId }).delete();
  }
}
