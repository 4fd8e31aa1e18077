import { LitElement, css, html } from 'lit';
import { define } from './define.js';
import { baseStyles } from './styles.js';
import './button.js';

/**
 * A failure in place of content, announced as an alert. With `retryable` it offers a button that
 * fires `sb-retry`; the owner does the retrying.
 */
export class SbErrorState extends LitElement {
  static override properties = {
    heading: {},
    message: {},
    retryable: { type: Boolean },
    retryLabel: { attribute: 'retry-label' },
  };

  heading = 'Something went wrong';
  message = '';
  retryable = false;
  retryLabel = 'Try again';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .box {
        border: 1px solid var(--sb-color-danger);
        background: var(--sb-color-danger-bg);
        border-radius: var(--sb-radius);
        padding: 1rem 1.25rem;
      }
      .heading {
        font-weight: 700;
        color: var(--sb-color-danger);
        margin: 0 0 0.25rem;
      }
      p {
        margin: 0 0 0.75rem;
        line-height: 1.5;
      }
    `,
  ];

  override render() {
    return html`<div class="box" role="alert">
      <p class="heading">${this.heading}</p>
      ${this.message ? html`<p>${this.message}</p>` : null}
      <slot></slot>
      ${this.retryable
        ? html`<sb-button @click=${() => this.dispatchEvent(new CustomEvent('sb-retry', { bubbles: true, composed: true }))}
            >${this.retryLabel}</sb-button
          >`
        : null}
    </div>`;
  }
}

define('sb-error-state', SbErrorState);

declare global {
  interface HTMLElementTagNameMap {
    'sb-error-state': SbErrorState;
  }
}
