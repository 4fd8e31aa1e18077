import type { Context, Middleware } from 'koa';
import type { FieldError } from '@switchboard/sdk';
import { readFormBody } from '../server/form-body.js';
import type { SetupTokens } from '../identity/setup-tokens.js';
import type { ThemeRegistry } from '../themes/index.js';
import { escapeHtml as e } from '../web/html.js';
import { page } from './pages.js';
import { ownOrigin } from '../server/own-origin.js';
import { fromOwnPages } from '../server/same-origin.js';

const PREFIX = '/auth/setup/';

export interface SetupPorts {
  user(userId: string): Promise<{ login: string; name: string } | null>;
  checkPassword(password: string, context: { login: string; name: string }): FieldError[];
  setPassword(userId: string, password: string): Promise<void>;
  /** The user may sign in from now on. */
  activate(userId: string): Promise<void>;
}

const passwordForm = (action: string, login: string) => `<form method="post" action="${e(action)}">
<p>Choose a password for <strong>${e(login)}</strong>: at least 12 characters; a few unrelated words make a good one.</p>
<input type="hidden" name="login" value="${e(login)}" autocomplete="username">
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="128" autofocus>
<label for="confirm">The same password again</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="128">
<button type="submit">Set my password</button>
</form>`;

/** The page a one-time setup link opens: a new user chooses their password, then signs in. */
export function setupRoutes(options: { tokens: SetupTokens; themes: ThemeRegistry; ports: SetupPorts }): Middleware {
  const { tokens, themes, ports } = options;
  const render = (ctx: Context, status: number, title: string, body: string, message?: { kind: 'error' | 'info'; text: string }) => {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    // The link carries a secret: never pass it on to another site.
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.body = page({ theme: themes.resolve(ctx.hostname), title, body, message });
  };
  const expired = (ctx: Context) =>
    render(ctx, 404, 'Link expired', '<p>Ask your administrator for a new link.</p>', { kind: 'error', text: 'This setup link has expired or was already used.' });

  return async (ctx, next) => {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const token = ctx.path.slice(PREFIX.length);
    const userId = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await tokens.peek(token) : null;
    const user = userId ? await ports.user(userId) : null;
    if (!userId || !user) return expired(ctx);
    if (ctx.method === 'GET') return render(ctx, 200, 'Set your password', passwordForm(ctx.path, user.login));
    if (ctx.method !== 'POST') return next();
    if (!fromOwnPages(ctx.headers, ownOrigin(ctx))) return render(ctx, 403, 'Set your password', passwordForm(ctx.path, user.login), { kind: 'error', text: 'This form did not come from the portal.' });
    const form = await readFormBody(ctx);
    const password = form.get('password') ?? '';
    const problems = ports.checkPassword(password, user);
    if (password !== (form.get('confirm') ?? '')) problems.push({ field: 'confirm', message: 'The two passwords are not the same.' });
    if (problems.length) {
      return render(ctx, 422, 'Set your password', passwordForm(ctx.path, user.login), { kind: 'error', text: problems.map((p) => p.message).join(' ') });
    }
    if (!(await tokens.redeem(token, userId))) return expired(ctx);
    await ports.setPassword(userId, password);
    await ports.activate(userId);
    render(ctx, 200, 'Your password is set', '<p><a href="/auth/login">Sign in now</a></p>', { kind: 'info', text: 'You can sign in with your login and the new password.' });
  };
}
