import type { Knex } from 'knex';
import type { Clock } from '@switchboard/sdk';
import { plainSecretCipher, type SecretCipher } from './secret-cipher.js';
import { TOTP_TABLE, isoTime } from './tables.js';
import { matchTotpCode, newTotpSecret, totpUri } from './totp-code.js';
import { svgDataUrl, totpQrCodeSvg } from './totp-qr-code.js';

export interface TotpStoreOptions {
  knex: Knex;
  clock: Clock;
  /** Seals secrets at rest; without one they are stored in the clear (see plainSecretCipher). */
  cipher?: SecretCipher;
}

/** What the enrolment page shows once: the QR code, and the secret for typing in by hand. */
export interface TotpEnrolment {
  /** Base32, for apps without a camera. */
  secret: string;
  /** otpauth://totp/Issuer:login?secret=...&issuer=Issuer&algorithm=SHA1&digits=6&period=30 */
  uri: string;
  /** The URI as a QR code, an SVG document. */
  qrCodeSvg: string;
  /** The same SVG as a data: URL for an <img src>. */
  qrCodeDataUrl: string;
}

export interface TotpStatus {
  enabled: boolean;
  enabledAt: Date | null;
  /** An enrolment has started and waits for its first code. */
  pending: boolean;
}

interface TotpRow {
  user_id: string;
  secret: string | null;
  enabled_at: string | null;
  last_step: number | string | null;
  pending_secret: string | null;
  pending_since: string | null;
}

/**
 * Users' TOTP second factor (RFC 6238). Enrolment is two steps: start() makes a pending secret,
 * confirm() activates it once the user proves their app has it. A pending enrolment never
 * replaces an active secret until confirmed, so starting one cannot lock anybody out.
 */
export class TotpStore {
  private readonly knex: Knex;
  private readonly clock: Clock;
  private readonly cipher: SecretCipher;

  constructor({ knex, clock, cipher = plainSecretCipher }: TotpStoreOptions) {
    this.knex = knex;
    this.clock = clock;
    this.cipher = cipher;
  }

  /**
   * Starts (or restarts) enrolment with a new secret. `issuer` is the brand the user signs in to,
   * `login` the account label their authenticator app shows.
   */
  async startEnrolment(userId: string, { issuer, login }: { issuer: string; login: string }): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    await this.knex(TOTP_TABLE)
      .insert({ user_id: userId, pending_secret: this.cipher.seal(secret, userId), pending_since: isoTime(this.clock.now()) })
      .onConflict('user_id')
      .merge(['pending_secret', 'pending_since']);
    const uri = totpUri(secret, issuer, login);
    const qrCodeSvg = await totpQrCodeSvg(uri);
    return { secret, uri, qrCodeSvg, qrCodeDataUrl: svgDataUrl(qrCodeSvg) };
  }

  /**
   * Activates the pending secret when `code` is valid for it now; the code's step is then spent,
   * so it cannot be replayed at the login that follows. False without a pending enrolment.
   */
  async confirmEnrolment(userId: string, code: string): Promise<boolean> {
    const row = await this.row(userId);
    if (!row?.pending_secret) return false;
    const now = this.clock.now();
    const step = await matchTotpCode({ secret: this.cipher.open(row.pending_secret, userId), code, at: now });
    if (step === null) return false;
    // Only if the enrolment is still the one checked: a restart in between wins.
    const updated = await this.knex(TOTP_TABLE)
      .where({ user_id: userId, pending_secret: row.pending_secret })
      .update({ secret: row.pending_secret, enabled_at: isoTime(now), last_step: step, pending_secret: null, pending_since: null });
    return updated === 1;
  }

  /**
   * True when the code is valid now (±1 step) for the user's active secret and later than the
   * last code accepted. Accepting spends the step atomically, so of two requests racing with
   * one code only one succeeds.
   */
  async verify(userId: string, code: string): Promise<boolean> {
    const row = await this.row(userId);
    if (!row?.secret || !row.enabled_at) return false;
    const lastStep = row.last_step === null ? null : Number(row.last_step);
    const step = await matchTotpCode({ secret: this.cipher.open(row.secret, userId), code, at: this.clock.now(), afterStep: lastStep });
    if (step === null) return false;
    const updated = await this.knex(TOTP_TABLE)
      .where({ user_id: userId, secret: row.secret })
      .andWhere((query) => query.whereNull('last_step').orWhere('last_step', '<', step))
      .update({ last_step: step });
    return updated === 1;
  }

  async status(userId: string): Promise<TotpStatus> {
    const row = await this.row(userId);
    const enabled = Boolean(row?.secret && row.enabled_at);
    return { enabled, enabledAt: enabled ? new Date(row!.enabled_at!) : null, pending: Boolean(row?.pending_secret) };
  }

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.status(userId)).enabled;
  }

  /** Removes the second factor and any pending enrolment. */
  async disable(userId: string): Promise<void> {
    await this.knex(TOTP_TABLE).where({ user_id: userId }).delete();
  }

  private async row(userId: string): Promise<TotpRow | undefined> {
    return this.knex(TOTP_TABLE).first('*').where({ user_id: userId });
  }
}
