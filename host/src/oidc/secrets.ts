import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Client secrets are 256-bit random values: a plain sha256 of one cannot be brute-forced. */
export const newClientSecret = () => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function sameSecret(hash: string, presented: string): boolean {
  const a = Buffer.from(hash);
  const b = Buffer.from(hashSecret(presented));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A small signed, expiring value for the browser to carry between two steps (login state, a pending sign-in). */
export function sealValue(secret: string, value: object, ttlSeconds: number, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...value, exp: now + ttlSeconds * 1000 })).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The value sealed by `sealValue` with one of the secrets, or null when forged or expired. */
export function openValue<T>(secrets: readonly string[], sealed: string | undefined, now = Date.now()): T | null {
  if (!sealed) return null;
  const [body, mac] = sealed.split('.');
  if (!body || !mac) return null;
  const given = Buffer.from(mac);
  const valid = secrets.some((secret) => {
    const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64url'));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!valid) return null;
  const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp: number };
  return value.exp > now ? value : null;
}
