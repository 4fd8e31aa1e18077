import { generateSecret, generateURI, verify } from 'otplib';

/**
 * RFC 6238 as every authenticator app implements it: HMAC-SHA-1, 6 digits, 30-second steps from
 * the Unix epoch (T0 = 0). Anything else and some apps silently show wrong codes.
 */
export const TOTP_PARAMETERS = Object.freeze({
  algorithm: 'sha1',
  digits: 6,
  periodSeconds: 30,
  /** Steps accepted either side of the server's current one, for clock drift and typing time (RFC 6238 §5.2). */
  windowSteps: 1,
  /** 160-bit secrets, the size RFC 4226 recommends (it requires at least 128). */
  secretBytes: 20,
} as const);

/** A new TOTP secret from a CSPRNG, base32-encoded as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: TOTP_PARAMETERS.secretBytes });
}

/** The RFC 6238 time step a moment falls in. */
export function totpStepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PARAMETERS.periodSeconds);
}

/**
 * The `otpauth://totp/...` URI an authenticator app reads from the QR code. The issuer (the brand
 * the user signs in to) labels the entry in the app; the account label is the login.
 */
export function totpUri(secret: string, issuer: string, login: string): string {
  return generateURI({
    issuer,
    label: login,
    secret,
    algorithm: TOTP_PARAMETERS.algorithm,
    digits: TOTP_PARAMETERS.digits,
    period: TOTP_PARAMETERS.periodSeconds,
  });
}

export interface TotpCheck {
  /** The base32 secret. */
  secret: string;
  /** What the user typed; spaces are ignored ("123 456") and full-width digits read as digits. */
  code: string;
  /** The server's time (ASVS 6.5.8: never the client's). */
  at: Date;
  /** The last step accepted for this secret: that step and every earlier one are refused (RFC 6238 §5.2, one use per code). */
  afterStep?: number | null;
}

/**
 * The time step the code belongs to, when it is valid at `at` within ±windowSteps and later than
 * `afterStep`; null otherwise. Constant-time comparison happens inside otplib.
 */
export async function matchTotpCode({ secret, code, at, afterStep }: TotpCheck): Promise<number | null> {
  const token = code.normalize('NFKC').replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const current = totpStepAt(at);
  const newestAcceptable = current + TOTP_PARAMETERS.windowSteps;
  // otplib throws when asked for steps after a bound beyond its window; nothing could match then.
  if (afterStep !== null && afterStep !== undefined && afterStep >= newestAcceptable) return null;
  const result = await verify({
    secret,
    token,
    algorithm: TOTP_PARAMETERS.algorithm,
    digits: TOTP_PARAMETERS.digits,
    period: TOTP_PARAMETERS.periodSeconds,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: TOTP_PARAMETERS.windowSteps * TOTP_PARAMETERS.periodSeconds,
    ...(afterStep !== null && afterStep !== undefined && afterStep >= 0 ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
