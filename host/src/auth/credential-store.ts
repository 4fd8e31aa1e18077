import type { Knex } from 'knex';
import type { Clock } from '@switchboard/sdk';
import type { Argon2Parameters } from './password-hash.js';
import { PasswordStore } from './password-store.js';
import { RecoveryCodeStore } from './recovery-code-store.js';
import type { SecretCipher } from './secret-cipher.js';
import { PASSWORDS_TABLE, RECOVERY_CODES_TABLE, TOTP_TABLE } from './tables.js';
import { TotpStore } from './totp-store.js';

export interface CredentialStoreOptions {
  knex: Knex;
  clock: Clock;
  /** Seals TOTP secrets at rest (aesGcmSecretCipher with a key from secret management). */
  totpCipher?: SecretCipher;
  /** argon2id parameters for new hashes; the default is ARGON2ID_PARAMETERS. */
  passwordParameters?: Argon2Parameters;
}

/** Everything a user authenticates with, on the host's database. */
export class CredentialStore {
  readonly passwords: PasswordStore;
  readonly totp: TotpStore;
  readonly recoveryCodes: RecoveryCodeStore;
  private readonly knex: Knex;

  constructor({ knex, clock, totpCipher, passwordParameters }: CredentialStoreOptions) {
    this.knex = knex;
    this.passwords = new PasswordStore({ knex, clock, parameters: passwordParameters });
    this.totp = new TotpStore({ knex, clock, cipher: totpCipher });
    this.recoveryCodes = new RecoveryCodeStore({ knex, clock });
  }

  /** Removes all of a user's credentials (the directory calls this when it deletes the user). */
  async removeUser(userId: string): Promise<void> {
    await this.knex.transaction(async (trx) => {
      for (const table of [PASSWORDS_TABLE, TOTP_TABLE, RECOVERY_CODES_TABLE]) await trx(table).where({ user_id: userId }).delete();
    });
  }
}
