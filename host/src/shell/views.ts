import { html, nothing } from 'lit';
import type { BrandSummary } from '@switchboard/sdk/web';
import type { SessionResponse } from './session.js';

/** The welcome page: a tile per service the user may open. */
export function homeView(session: SessionResponse) {
  if (!session.menu.length) {
    return html`<sb-empty-state
      heading="No services yet"
      message="Your account has no services you may use here. Ask your administrator for access."
    ></sb-empty-state>`;
  }
  return html`<p class="lead">Choose a service to manage.</p>
    <ul class="tiles">
      ${session.menu.map(
        (entry) => html`<li>
          <a href=${entry.href}
            ><strong>${entry.label}</strong>${session.titles[entry.plugin] && session.titles[entry.plugin] !== entry.label
              ? session.titles[entry.plugin]
              : nothing}</a
          >
        </li>`,
      )}
    </ul>`;
}

/** Where signing in starts, coming back to the page the user is on. */
export const signInHref = () => `/auth/login?return=${encodeURIComponent(`/${location.hash}`)}`;

/** Nobody is signed in: the way in, and where to get help. */
export function signedOutView(brand: BrandSummary) {
  return html`<div class="notice">
    <p>Sign in with the account ${brand.brandName} gave you. ${brand.support.email || brand.support.phone ? supportSentence(brand) : nothing}</p>
    <p><a class="button" href=${signInHref()}>Sign in</a></p>
  </div>`;
}

export function unavailableView() {
  return html`<div class="notice">
    <p>This page does not exist, or your account may not open it.</p>
    <p><a href="#/">Go to the start page</a></p>
  </div>`;
}

function supportSentence(brand: BrandSummary) {
  return html`If you need help, contact support${brand.support.email ? html` at <a href="mailto:${brand.support.email}">${brand.support.email}</a>` : nothing}${brand.support.phone
    ? html`${brand.support.email ? ' or' : ''} on <a href="tel:${brand.support.phone.replace(/[^+0-9]/g, '')}">${brand.support.phone}</a>`
    : nothing}.`;
}

export function footerView(brand: BrandSummary) {
  const { email, phone, url } = brand.support;
  return html`<span>${brand.productName} · ${brand.brandName}</span>
    <ul aria-label="Support">
      ${url ? html`<li><a href=${url} rel="noopener">Help centre</a></li>` : nothing}
      ${email ? html`<li><a href="mailto:${email}">${email}</a></li>` : nothing}
      ${phone ? html`<li><a href="tel:${phone.replace(/[^+0-9]/g, '')}">${phone}</a></li>` : nothing}
    </ul>`;
}
