import { LitElement, css, html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { define } from './define.js';
import { baseStyles } from './styles.js';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

/**
 * A themed button. It is form-associated: `type="submit"` inside a <form> submits that form, which
 * a <button> inside a shadow root cannot do on its own.
 */
export class SbButton extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    variant: { reflect: true },
    type: {},
    disabled: { type: Boolean, reflect: true },
    busy: { type: Boolean, reflect: true },
    label: {},
  };

  variant: ButtonVariant = 'secondary';
  type: 'button' | 'submit' | 'reset' = 'button';
  disabled = false;
  /** Work in progress: the button stays focusable but does nothing, and says so. */
  busy = false;
  /** Accessible name when the content is only an icon. */
  label?: string;

  private readonly internals = this.attachInternals();

  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-block;
      }
      button {
        font: inherit;
        font-weight: 600;
        min-height: 2.5rem;
        padding: 0.5rem 1rem;
        border-radius: var(--sb-radius);
        border: 1px solid var(--sb-color-border);
        background: var(--sb-color-surface);
        color: var(--sb-color-text);
        cursor: pointer;
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
      }
      button:hover {
        background: var(--sb-color-surface-alt);
      }
      :host([variant='primary']) button {
        background: var(--sb-color-primary);
        border-color: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      :host([variant='primary']) button:hover {
        background: var(--sb-color-primary-hover, var(--sb-color-primary));
      }
      :host([variant='danger']) button {
        background: var(--sb-color-danger);
        border-color: var(--sb-color-danger);
        color: var(--sb-color-on-primary);
      }
      :host([variant='ghost']) button {
        background: transparent;
        border-color: transparent;
      }
      button:disabled,
      :host([busy]) button {
        opacity: 0.6;
        cursor: not-allowed;
      }
    `,
  ];

  override render() {
    return html`<button
      part="button"
      type="button"
      ?disabled=${this.disabled}
      aria-disabled=${this.busy ? 'true' : 'false'}
      aria-busy=${this.busy ? 'true' : 'false'}
      aria-label=${ifDefined(this.label)}
      @click=${this.onClick}
    >
      <slot></slot>
    </button>`;
  }

  private onClick(event: Event) {
    if (this.busy) {
      event.stopPropagation();
      return;
    }
    const form = this.internals.form;
    if (!form) return;
    if (this.type === 'submit') form.requestSubmit();
    else if (this.type === 'reset') form.reset();
  }
}

define('sb-button', SbButton);

declare global {
  interface HTMLElementTagNameMap {
    'sb-button': SbButton;
  }
}
