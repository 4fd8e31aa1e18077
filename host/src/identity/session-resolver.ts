import { timingSafeEqual } from 'node:crypto';
import { forbidden, type Identity, type IdentityRequest, type IdentityResolver } from '@switchboard/sdk';
import { fromOwnPages } from '../server/same-origin.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import type { SessionStore } from './session-store.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface UserIdentities {
  /** The identity of an active user, or null when they are disabled or gone. */
  identityForUser(userId: string): Promise<Identity | null>;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The browser's identity: its session cookie. A cookie travels with every request the browser
 * makes, forged ones included, so on anything that changes state it counts only with the session's
 * CSRF token in a header and an Origin that is this portal's (ASVS 3.5.1-3.5.3).
 */
export class SessionIdentityResolver implements IdentityResolver {
  constructor(
    private readonly sessions: SessionStore,
    private readonly users: UserIdentities,
  ) {}

  async resolve(request: IdentityRequest): Promise<Identity | null> {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) return null;
    const session = await this.sessions.find(token);
    if (!session) return null;
    if (!SAFE_METHODS.has(request.method)) {
      const csrf = request.headers['x-csrf-token'];
      if (!fromOwnPages(request.headers, request.origin)) throw forbidden('This request did not come from the portal.', 'csrf_failed');
      if (typeof csrf !== 'string' || !sameText(csrf, session.csrfToken)) throw forbidden('This request lacks the page\'s anti-forgery token; reload the page.', 'csrf_failed');
    }
    const identity = await this.users.identityForUser(session.userId);
    if (!identity) {
      // Disabled or removed since sign-in: the session goes too.
      await this.sessions.end(token);
      return null;
    }
    return identity;
  }
}
