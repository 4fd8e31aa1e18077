import type { Theme } from '../themes/index.js';
import { escapeHtml as e } from '../web/html.js';

/**
 * The sign-in pages, drawn by the server for the brand of the host name they are on. Plain forms:
 * no script at all, so they work under the strict CSP and with JavaScript off.
 *
 * The referrer meta matters: under the portal-wide `Referrer-Policy: no-referrer` a browser sends
 * `Origin: null` with a form POST, and the forms' same-origin check refuses that. `same-origin`
 * lets the browser name this origin to this origin only, and still sends nothing elsewhere.
 */
export interface PageParts {
  theme: Theme;
  title: string;
  /** An error or notice shown above the form, announced to screen readers. */
  message?: { kind: 'error' | 'info'; text: string };
  body: string;
}

export const LOGIN_CSS_PATH = '/auth/login.css';

export function page({ theme, title, message, body }: PageParts): string {
  const { email, phone } = theme.support;
  const support = [
    email && `<a href="mailto:${e(email)}">${e(email)}</a>`,
    phone && `<a href="tel:${e(phone.replace(/[^+0-9]/g, ''))}">${e(phone)}</a>`,
  ]
    .filter(Boolean)
    .map((item) => `<span class="nowrap">${item}</span>`)
    .join(' · ');
  // Said first when the page loads, which a role="alert" already in the page is not, reliably.
  const error = message?.kind === 'error' ? 'Error: ' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${error}${e(title)} · ${e(theme.productName)}</title>
<link rel="icon" href="/theme/favicon">
<link rel="stylesheet" href="/theme.css">
<link rel="stylesheet" href="${LOGIN_CSS_PATH}">
</head>
<body>
<main class="card" aria-labelledby="title">
<header class="brand"><img src="/theme/logo" alt="${e(theme.brandName)}" height="36"></header>
<div class="content">
<h1 id="title">${e(title)}</h1>
<p class="product">${e(theme.productName)}</p>
${message ? `<p class="message ${message.kind}" id="message" role="${message.kind === 'error' ? 'alert' : 'status'}">${e(message.text)}</p>` : ''}
${body}
${support ? `<p class="support">Need help? ${support}</p>` : ''}
</div>
</main>
</body>
</html>
`;
}

export const loginForm = (action: string, login = '') => `<form method="post" action="${e(action)}">
<label for="login">Login</label>
<input id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="200" value="${e(login)}"${login ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128"${login ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>`;

export const codeForm = (action: string, pending: string, hint: string) => `<form method="post" action="${e(action)}">
<input type="hidden" name="pending" value="${e(pending)}">
<label for="code">Code</label>
<p class="hint" id="code-hint">${e(hint)}</p>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="32" aria-describedby="code-hint" autofocus>
<button type="submit">Continue</button>
</form>`;

export const enrolForm = (action: string, pending: string, qrSvgDataUrl: string, secret: string) => `<p>Your organisation asks for a second step at sign-in. Scan this code with an authenticator app, then type the six-digit code it shows.</p>
<img class="qr" src="${e(qrSvgDataUrl)}" alt="QR code for your authenticator app" width="200" height="200">
<p class="hint">Or type this key into the app: <code>${e(secret)}</code></p>
${codeForm(action, pending, 'The six digits your app shows now.')}`;

export const recoveryCodesPage = (action: string, pending: string, codes: readonly string[]) => `<p>Keep these recovery codes somewhere safe. Each one signs you in once if you lose your authenticator app. They are shown only now.</p>
<ul class="codes">${codes.map((c) => `<li><code>${e(c)}</code></li>`).join('')}</ul>
<form method="post" action="${e(action)}">
<input type="hidden" name="pending" value="${e(pending)}">
<button type="submit">I have kept them: continue</button>
</form>`;

/** Styled only with the brand's custom properties, like the shell. */
export const LOGIN_CSS = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--sb-color-bg,#f4f6f9);color:var(--sb-color-text,#1a2433);font-family:var(--sb-font-family,system-ui,sans-serif);font-size:var(--sb-font-size,16px);line-height:1.5;padding:1rem}
.card{width:100%;max-width:26rem;background:var(--sb-color-surface,#fff);border:1px solid var(--sb-color-border,#c3ccd8);border-radius:var(--sb-radius-large,10px);box-shadow:var(--sb-shadow,none);overflow:hidden}
.brand{padding:1rem 2rem;background:var(--sb-color-header-bg,#0a2540);color:var(--sb-color-on-header,#fff);border-bottom:3px solid var(--sb-color-accent,#00a3a1)}
.brand img{display:block;height:2.25rem;width:auto;max-width:100%}
.content{padding:1.5rem 2rem 2rem}
.nowrap{white-space:nowrap}
h1{font-family:var(--sb-font-family-heading,inherit);font-size:1.5rem;margin:0}
.product{color:var(--sb-color-text-muted,#4f5d70);margin:.25rem 0 1.5rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{width:100%;font:inherit;padding:.6rem .75rem;border:1px solid var(--sb-color-border,#c3ccd8);border-radius:var(--sb-radius,6px);background:var(--sb-color-surface,#fff);color:inherit}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--sb-color-focus,#1d63d8);outline-offset:2px}
button{margin-top:1.5rem;width:100%;font:inherit;font-weight:600;padding:.7rem 1rem;border:0;border-radius:var(--sb-radius,6px);background:var(--sb-color-primary,#0b5cad);color:var(--sb-color-on-primary,#fff);cursor:pointer}
button:hover{background:var(--sb-color-primary-hover,#084a8c)}
.message{padding:.75rem 1rem;border-radius:var(--sb-radius,6px);margin:0 0 1rem}
.message.error{background:var(--sb-color-danger-bg,#fdecea);color:var(--sb-color-danger,#b42318)}
.message.info{background:var(--sb-color-info-bg,#e3eefa);color:var(--sb-color-info,#0b5cad)}
.hint{color:var(--sb-color-text-muted,#4f5d70);font-size:.9rem;margin:.25rem 0}
.qr{display:block;margin:1rem auto;background:#fff;padding:.5rem;border-radius:var(--sb-radius,6px)}
.codes{columns:2;font-family:var(--sb-font-family-mono,monospace);padding-left:1.25rem}
.support{margin-top:2rem;font-size:.9rem;color:var(--sb-color-text-muted,#4f5d70)}
a{color:var(--sb-color-primary,#0b5cad)}
@media (max-width:30rem){body{padding:.5rem}.brand{padding:.75rem 1.25rem}.content{padding:1.25rem 1.25rem 1.5rem}}
`;
