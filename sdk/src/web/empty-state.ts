import { LitElement, css, html } from 'lit';
import { define } from './define.js';
import { baseStyles } from './styles.js';

/** What a list or chart shows when there is nothing in it yet; slot an action (an "Add" button). */
export class SbEmptyState extends LitElement {
  static override properties = { heading: {}, message: {} };

  heading = 'Nothing here yet';
  message = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .box {
        text-align: center;
        padding: 2rem 1rem;
        color: var(--sb-color-text-muted);
      }
      svg {
        width: 3rem;
        height: 3rem;
        color: var(--sb-color-border);
      }
      .heading {
        font-family: var(--sb-font-family-heading);
        font-weight: 700;
        font-size: 1.05rem;
        color: var(--sb-color-text);
        margin: 0.5rem 0 0.25rem;
      }
      p {
        margin: 0 0 0.75rem;
      }
    `,
  ];

  override render() {
    return html`<div class="box">
      <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <rect x="6" y="10" width="36" height="28" rx="4" fill="none" stroke="currentColor" stroke-width="3" />
        <path d="M6 20h36" stroke="currentColor" stroke-width="3" />
      </svg>
      <p class="heading">${this.heading}</p>
      ${this.message ? html`<p>${this.message}</p>` : null}
      <slot></slot>
    </div>`;
  }
}

define('sb-empty-state', SbEmptyState);

declare global {
  interface HTMLElementTagNameMap {
    'sb-empty-state': SbEmptyState;
  }
}
