/**
 * The browser session cookie. `__Host-` makes the browser refuse it unless it is Secure, has no
 * Domain and has Path=/, so no other host or path can plant or read one (ASVS 3.3.1).
 */
export const SESSION_COOKIE = '__Host-sb_session';

/** Reads one cookie from a Cookie header without trusting its shape. */
export function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return undefined;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export const sessionCookie = (token: string) => `${SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Lax`;
export const clearedSessionCookie = () => `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`;
