import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals TOTP secrets before they are stored and opens them after reading (ASVS 4.0.3 2.8.2 /
 * 5.0 13.3.1: protect seeds like other secrets). `context` (the user id) is bound into the seal,
 * so a sealed secret copied onto another user's row does not open.
 */
export interface SecretCipher {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

const PLAIN = 'plain:';
const AES = 'a256gcm:';

/**
 * Stores secrets as they are, marked as such. The default when the host is given no key: the
 * database then is as sensitive as the seeds themselves, which the deployment must account for.
 */
export const plainSecretCipher: SecretCipher = {
  seal: (plain) => PLAIN + plain,
  open: (sealed, context) => openAny(sealed, context, null),
};

/**
 * AES-256-GCM with a 32-byte key from the deployment's secret management (not from the same
 * database). Each seal has a fresh 96-bit nonce. Secrets stored in the clear before a key was
 * configured still open, so turning encryption on needs no migration; they are sealed at the next
 * enrolment.
 */
export function aesGcmSecretCipher(key: Uint8Array): SecretCipher {
  if (key.byteLength !== 32) throw new Error(`The TOTP secret key must be 32 bytes, not ${key.byteLength}`);
  const aes = Buffer.from(key);
  return {
    seal(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', aes, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return AES + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
    },
    open: (sealed, context) => openAny(sealed, context, aes),
  };
}

function openAny(sealed: string, context: string, key: Buffer | null): string {
  if (sealed.startsWith(PLAIN)) return sealed.slice(PLAIN.length);
  if (sealed.startsWith(AES)) {
    if (!key) throw new Error('A TOTP secret is encrypted but the host has no key to open it');
    const bytes = Buffer.from(sealed.slice(AES.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
  throw new Error('A stored TOTP secret has an unknown format');
}
