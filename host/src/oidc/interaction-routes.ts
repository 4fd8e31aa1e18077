import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { ApiError } from '@switchboard/sdk';
import type { Logger } from 'pino';
import { readFormBody } from '../server/form-body.js';
import type { Theme, ThemeRegistry } from '../themes/index.js';
import { codeForm, enrolForm, LOGIN_CSS, LOGIN_CSS_PATH, loginForm, page, recoveryCodesPage } from './pages.js';
import { INTERACTION_PREFIX } from './constants.js';
import type { Providers } from './provider.js';
import { openValue, sealValue } from './secrets.js';
import type { SignInAttempt, SignInPorts, SignInUser } from './sign-in-ports.js';
import { ownOrigin } from '../server/own-origin.js';
import { fromOwnPages } from '../server/same-origin.js';

interface Pending {
  uid: string;
  user: SignInUser;
  stage: 'second' | 'enrol' | 'codes';
  amr: string[];
}

const PENDING_TTL_SECONDS = 600;

export interface InteractionOptions {
  providers: Providers;
  themes: ThemeRegistry;
  ports: SignInPorts;
  /** Secrets to seal a half-finished sign-in with, newest first. */
  secrets: () => readonly string[];
  log: Logger;
}

/**
 * The provider's interaction: the pages where a person proves who they are. Password first (with
 * lockout), then the second factor: a TOTP code or a recovery code, or enrolment when the tenant
 * requires one and the user has none. Between steps the browser carries a sealed, expiring note of
 * who passed what, so no half-signed-in state lives on the server.
 */
export function interactionRoutes(options: InteractionOptions): Middleware {
  const { providers, themes, ports, log } = options;
  const router = new Router({ prefix: INTERACTION_PREFIX });
  const themeOf = (ctx: Context): Theme => themes.resolve(ctx.hostname);

  const render = (ctx: Context, status: number, title: string, body: string, message?: { kind: 'error' | 'info'; text: string }) => {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page({ theme: themeOf(ctx), title, body, message });
  };

  const expired = (ctx: Context) =>
    render(ctx, 400, 'Sign in again', '<p><a href="/auth/login">Start signing in again</a></p>', { kind: 'error', text: 'This sign-in took too long or was already used.' });

  /** The interaction the browser is in, or null (and the expired page) when there is none. */
  const details = async (ctx: Context) => {
    try {
      const found = await providers.forContext(ctx).interactionDetails(ctx.req, ctx.res);
      return found.uid === ctx.params.uid ? found : null;
    } catch {
      return null;
    }
  };

  /** Forms only from the portal's own pages (login CSRF). */
  const assertSameOrigin = (ctx: Context) => {
    if (!fromOwnPages(ctx.headers, ownOrigin(ctx))) throw new ApiError(403, 'csrf_failed', 'This form did not come from the portal.');
  };

  const finish = async (ctx: Context, pending: Pick<Pending, 'user' | 'amr'>, attempt: SignInAttempt) => {
    await ports.recordSuccess(attempt);
    log.info({ subject: pending.user.id, amr: pending.amr, ip: ctx.ip }, 'sign-in succeeded');
    ctx.respond = false;
    await providers.forContext(ctx).interactionFinished(ctx.req, ctx.res, { login: { accountId: pending.user.id, amr: pending.amr, remember: false } }, { mergeWithLastSubmission: false });
  };

  const seal = (pending: Pending) => sealValue(options.secrets()[0]!, pending, PENDING_TTL_SECONDS);
  const unseal = (ctx: Context, form: URLSearchParams, stage: Pending['stage']) => {
    const pending = openValue<Pending>(options.secrets(), form.get('pending') ?? undefined);
    return pending && pending.uid === ctx.params.uid && pending.stage === stage ? pending : null;
  };

  /**
   * Starts a counted attempt, or answers 429 with the retry time (and `null`) while the account or
   * the address is locked out: the same words whether the account exists or not.
   */
  const lockedOut = (ctx: Context, retryAfterSeconds: number, body: string) => {
    ctx.set('Retry-After', String(retryAfterSeconds));
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    render(ctx, 429, 'Sign in', body, { kind: 'error', text: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` });
  };

  const begin = async (ctx: Context, login: string, body: string): Promise<SignInAttempt | null> => {
    try {
      return await ports.checkAllowed({ login, ip: ctx.ip });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 429) throw error;
      lockedOut(ctx, Number(error.headers?.['Retry-After'] ?? 60), body);
      return null;
    }
  };

  /** A refused factor: counted, and when that failure locks, the answer says so at once. */
  const refuse = async (ctx: Context, attempt: SignInAttempt, title: string, body: string, text: string) => {
    const lockedFor = await ports.recordFailure(attempt);
    if (lockedFor) return lockedOut(ctx, lockedFor, body);
    render(ctx, 401, title, body, { kind: 'error', text });
  };

  const secondStepForm = (uid: string, pending: Pending) =>
    codeForm(`${INTERACTION_PREFIX}/${uid}/second`, seal(pending), 'The six digits your authenticator app shows, or one of your recovery codes.');

  /** After the password: the code form, enrolment when the tenant requires a second factor, or done. */
  const secondStep = async (ctx: Context, user: SignInUser, attempt: SignInAttempt) => {
    const uid = ctx.params.uid!;
    const amr = ['pwd'];
    if (await ports.totpEnabled(user.id)) {
      await ports.release(attempt);
      return render(ctx, 200, 'Second step', secondStepForm(uid, { uid, user, stage: 'second', amr }));
    }
    if (await ports.mfaRequired(user.tenantId)) {
      await ports.release(attempt);
      const { secret, qrDataUrl } = await ports.startEnrolment(user, themeOf(ctx).productName);
      return render(ctx, 200, 'Set up your second step', enrolForm(`${INTERACTION_PREFIX}/${uid}/enrol`, seal({ uid, user, stage: 'enrol', amr }), qrDataUrl, secret));
    }
    return finish(ctx, { user, amr }, attempt);
  };

  router.get('/:uid', async (ctx) => {
    const interaction = await details(ctx);
    if (!interaction) return expired(ctx);
    if (interaction.prompt.name !== 'login') {
      ctx.respond = false;
      return providers.forContext(ctx).interactionFinished(ctx.req, ctx.res, {}, { mergeWithLastSubmission: true });
    }
    render(ctx, 200, 'Sign in', loginForm(`${INTERACTION_PREFIX}/${ctx.params.uid}/login`));
  });

  router.post('/:uid/login', async (ctx) => {
    assertSameOrigin(ctx);
    if (!(await details(ctx))) return expired(ctx);
    const form = await readFormBody(ctx);
    const login = (form.get('login') ?? '').trim().toLowerCase().slice(0, 200);
    const password = form.get('password') ?? '';
    const again = loginForm(`${INTERACTION_PREFIX}/${ctx.params.uid}/login`, login);
    const attempt = await begin(ctx, login, again);
    if (!attempt) return;
    const user = login ? await ports.activeUserByLogin(login) : null;
    const passwordOk = await ports.verifyPassword(user?.id ?? null, password);
    if (!user || !passwordOk) {
      log.warn({ login, ip: ctx.ip }, 'sign-in refused: wrong login or password');
      return refuse(ctx, attempt, 'Sign in', again, 'The login or the password is not right.');
    }
    await secondStep(ctx, user, attempt);
  });

  router.post('/:uid/second', async (ctx) => {
    assertSameOrigin(ctx);
    if (!(await details(ctx))) return expired(ctx);
    const form = await readFormBody(ctx);
    const pending = unseal(ctx, form, 'second');
    if (!pending) return expired(ctx);
    const again = secondStepForm(ctx.params.uid!, pending);
    const attempt = await begin(ctx, pending.user.login, again);
    if (!attempt) return;
    const factor = await ports.verifySecondFactor(pending.user.id, (form.get('code') ?? '').replace(/\s+/g, ''));
    if (!factor) {
      log.warn({ subject: pending.user.id, ip: ctx.ip }, 'sign-in refused: wrong second factor');
      return refuse(ctx, attempt, 'Second step', again, 'That code is not right, or was already used.');
    }
    await finish(ctx, { user: pending.user, amr: [...pending.amr, factor === 'totp' ? 'otp' : 'rec', 'mfa'] }, attempt);
  });

  router.post('/:uid/enrol', async (ctx) => {
    assertSameOrigin(ctx);
    if (!(await details(ctx))) return expired(ctx);
    const form = await readFormBody(ctx);
    const pending = unseal(ctx, form, 'enrol');
    if (!pending) return expired(ctx);
    const enrolAgain = async () => {
      const { secret, qrDataUrl } = await ports.startEnrolment(pending.user, themeOf(ctx).productName);
      return enrolForm(`${INTERACTION_PREFIX}/${ctx.params.uid}/enrol`, seal(pending), qrDataUrl, secret);
    };
    const attempt = await begin(ctx, pending.user.login, '');
    if (!attempt) return;
    if (!(await ports.confirmEnrolment(pending.user.id, (form.get('code') ?? '').replace(/\s+/g, '')))) {
      return refuse(ctx, attempt, 'Set up your second step', await enrolAgain(), 'That code is not right. Scan the new code below and try again.');
    }
    await ports.release(attempt);
    const codes = await ports.newRecoveryCodes(pending.user.id);
    const next = seal({ ...pending, stage: 'codes', amr: [...pending.amr, 'otp', 'mfa'] });
    render(ctx, 200, 'Your recovery codes', recoveryCodesPage(`${INTERACTION_PREFIX}/${ctx.params.uid}/finish`, next, codes));
  });

  router.post('/:uid/finish', async (ctx) => {
    assertSameOrigin(ctx);
    if (!(await details(ctx))) return expired(ctx);
    const pending = unseal(ctx, await readFormBody(ctx), 'codes');
    if (!pending) return expired(ctx);
    const attempt = await begin(ctx, pending.user.login, '');
    if (!attempt) return;
    await finish(ctx, pending, attempt);
  });

  const routes = router.routes() as unknown as Middleware;
  return async (ctx, next) => {
    if (ctx.path === LOGIN_CSS_PATH) {
      ctx.type = 'text/css; charset=utf-8';
      ctx.set('Cache-Control', 'public, max-age=3600');
      ctx.body = LOGIN_CSS;
      return;
    }
    if (!ctx.path.startsWith(`${INTERACTION_PREFIX}/`)) return next();
    await routes(ctx, next);
  };
}

