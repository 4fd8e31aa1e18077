import { createHash, randomBytes } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { ApiError, forbidden } from '@switchboard/sdk';
import type { Logger } from 'pino';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from '../identity/cookies.js';
import type { SessionStore } from '../identity/session-store.js';
import type { KnexOidcAdapter } from './adapter.js';
import { OIDC_PREFIX, SHELL_CLIENT } from './constants.js';
import type { Providers } from './provider.js';
import { openValue, sealValue } from './secrets.js';
import { ownOrigin } from '../server/own-origin.js';
import { fromOwnPages } from '../server/same-origin.js';

/** Carries state, nonce and the PKCE verifier from /auth/login to /auth/callback, and nothing else. */
const LOGIN_COOKIE = '__Host-sb_login';
const LOGIN_TTL_SECONDS = 600;

interface LoginTransaction {
  state: string;
  verifier: string;
  returnTo: string;
}

const random = () => randomBytes(32).toString('base64url');
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
/** Only a path of this portal: never an open redirect. */
const safeReturn = (value: string | undefined) => (value && /^\/(?!\/)[^\\\s]*$/.test(value) ? value : '/');

export interface BffOptions {
  providers: Providers;
  /** The provider's authorization codes, to use one up atomically. */
  codes: Pick<KnexOidcAdapter, 'consumeOnce'>;
  sessions: SessionStore;
  secrets: () => readonly string[];
  log: Logger;
}

/**
 * The host as the browser's backend-for-frontend: it runs authorization code + PKCE against its
 * own OpenID Provider and gives the browser a session cookie, never a token. Being the provider
 * too, it redeems the code in process, with the token endpoint's own checks: this client, this
 * redirect URI, the PKCE verifier (S256), unexpired and unused.
 */
export function bffRoutes(options: BffOptions): Middleware {
  const { providers, sessions, log } = options;

  const login = (ctx: Context) => {
    providers.forContext(ctx); // only on a host name the portal serves
    const transaction: LoginTransaction = { state: random(), verifier: random(), returnTo: safeReturn(ctx.query.return as string | undefined) };
    ctx.append('Set-Cookie', `${LOGIN_COOKIE}=${sealValue(options.secrets()[0]!, transaction, LOGIN_TTL_SECONDS)}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${LOGIN_TTL_SECONDS}`);
    const params = new URLSearchParams({
      client_id: SHELL_CLIENT,
      response_type: 'code',
      scope: 'openid profile email',
      redirect_uri: `${ownOrigin(ctx)}/auth/callback`,
      state: transaction.state,
      code_challenge: challengeOf(transaction.verifier),
      code_challenge_method: 'S256',
    });
    ctx.redirect(`${OIDC_PREFIX}/auth?${params}`);
  };

  const callback = async (ctx: Context) => {
    const transaction = openValue<LoginTransaction>(options.secrets(), readCookie(ctx.headers.cookie, LOGIN_COOKIE));
    ctx.append('Set-Cookie', `${LOGIN_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`);
    const { code, state, error } = ctx.query as Record<string, string | undefined>;
    if (!transaction || state !== transaction.state) throw new ApiError(400, 'login_expired', 'This sign-in was not started here or took too long; start again.');
    if (error || !code) throw new ApiError(400, 'login_failed', 'Sign-in did not complete; start again.');

    const provider = providers.forContext(ctx);
    const grant = await provider.AuthorizationCode.find(code);
    const valid =
      grant &&
      (grant as unknown as { isValid: boolean }).isValid &&
      grant.clientId === SHELL_CLIENT &&
      grant.redirectUri === `${ownOrigin(ctx)}/auth/callback` &&
      grant.codeChallengeMethod === 'S256' &&
      grant.codeChallenge === challengeOf(transaction.verifier);
    // Single use even when two requests race with the same code.
    if (!grant || !valid || !grant.accountId || !(await options.codes.consumeOnce(grant.jti))) {
      throw new ApiError(400, 'login_failed', 'Sign-in did not complete; start again.');
    }

    // A new session every sign-in, and the one the browser came with is ended (session fixation).
    const previous = readCookie(ctx.headers.cookie, SESSION_COOKIE);
    if (previous) await sessions.end(previous);
    const { token } = await sessions.create(grant.accountId, { oidcSessionUid: grant.sessionUid ?? null, ip: ctx.ip, userAgent: ctx.get('user-agent') });
    ctx.append('Set-Cookie', sessionCookie(token));
    log.info({ subject: grant.accountId }, 'session started');
    ctx.redirect(transaction.returnTo);
  };

  const logout = async (ctx: Context) => {
    const token = readCookie(ctx.headers.cookie, SESSION_COOKIE);
    if (!fromOwnPages(ctx.headers, ownOrigin(ctx))) throw forbidden('This request did not come from the portal.', 'csrf_failed');
    if (token) {
      const session = await sessions.find(token);
      if (session && ctx.get('x-csrf-token') !== session.csrfToken) throw forbidden('This request lacks the page\'s anti-forgery token; reload the page.', 'csrf_failed');
      const ended = await sessions.end(token);
      if (ended?.oidcSessionUid) {
        const opSession = await providers.forContext(ctx).Session.findByUid(ended.oidcSessionUid);
        await opSession?.destroy();
      }
      if (ended) log.info({ subject: ended.userId }, 'session ended by sign-out');
    }
    ctx.append('Set-Cookie', clearedSessionCookie());
    ctx.status = 204;
  };

  return async (ctx, next) => {
    if (ctx.path === '/auth/login' && ctx.method === 'GET') return login(ctx);
    if (ctx.path === '/auth/callback' && ctx.method === 'GET') return callback(ctx);
    if (ctx.path === '/auth/logout' && ctx.method === 'POST') return logout(ctx);
    return next();
  };
}
