import { createHash, randomBytes } from 'node:crypto';

/** How many recovery codes a user gets at a time. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * 120 random bits per code: above the 112 bits from which ASVS 5.0 6.5.2 lets a recovery code be
 * stored with a plain hash instead of a slow password hash. At that entropy a stolen table of
 * SHA-256 digests cannot be reversed by guessing, however fast each guess is, so argon2's cost per
 * guess would buy nothing.
 */
const CODE_BYTES = 15;

/** Crockford's base32: no I, L, O or U, so a code read aloud or off paper is hard to mistype. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 4;

/** A new code as shown to the user: 24 characters in groups of four, "7K2M-9QXA-...". */
export function newRecoveryCode(): string {
  const bytes = randomBytes(CODE_BYTES);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/**
 * The canonical form of what a user typed: no spaces or dashes, upper case, and the letters
 * Crockford maps onto digits (I and L are 1, O is 0). Null when it cannot be a code at all.
 */
export function canonicalRecoveryCode(typed: string): string | null {
  const canonical = typed
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  const length = Math.ceil((CODE_BYTES * 8) / 5);
  if (canonical.length !== length) return null;
  for (const char of canonical) if (!ALPHABET.includes(char)) return null;
  return canonical;
}

/** What is stored: the SHA-256 of the canonical code, in hex. */
export function recoveryCodeDigest(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
