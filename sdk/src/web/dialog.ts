import { LitElement, css, html } from 'lit';
import { define } from './define.js';
import { baseStyles } from './styles.js';

const FOCUSABLE = 'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"]), sb-field, sb-button';

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert (the focus
 * trap) and Escape closes it. Labelled by its heading. Fires `sb-close` (detail: { returnValue })
 * whenever it closes, however that happened.
 */
export class SbDialog extends LitElement {
  static override properties = {
    open: { type: Boolean, reflect: true },
    label: {},
  };

  open = false;
  /** The heading, and the dialog's accessible name. */
  label = '';

  static override styles = [
    baseStyles,
    css`
      dialog {
        border: 0;
        padding: 0;
        border-radius: var(--sb-radius-large);
        box-shadow: var(--sb-shadow-raised);
        background: var(--sb-color-surface);
        color: var(--sb-color-text);
        width: min(36rem, calc(100vw - 2rem));
        max-height: calc(100vh - 2rem);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.45);
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 1rem;
        padding: 1rem 1.25rem 0.5rem;
      }
      h2 {
        font-family: var(--sb-font-family-heading);
        font-size: 1.2rem;
        margin: 0;
      }
      .close {
        font: inherit;
        font-size: 1.5rem;
        line-height: 1;
        background: none;
        border: 0;
        color: var(--sb-color-text-muted);
        width: 2.25rem;
        height: 2.25rem;
        border-radius: var(--sb-radius);
        cursor: pointer;
      }
      .close:hover {
        background: var(--sb-color-surface-alt);
      }
      .body {
        padding: 0.5rem 1.25rem;
      }
      footer {
        display: flex;
        justify-content: flex-end;
        gap: 0.75rem;
        padding: 0.5rem 1.25rem 1.25rem;
      }
    `,
  ];

  override render() {
    return html`<dialog aria-labelledby="title" @close=${this.onClose}>
      <header>
        <h2 id="title">${this.label}</h2>
        <button class="close" type="button" aria-label="Close" @click=${() => this.close('dismiss')}>×</button>
      </header>
      <div class="body"><slot></slot></div>
      <footer><slot name="footer"></slot></footer>
    </dialog>`;
  }

  show() {
    this.open = true;
  }

  close(returnValue = '') {
    const dialog = this.dialog;
    if (dialog?.open) dialog.close(returnValue);
    else this.open = false;
  }

  protected override updated(changed: Map<string, unknown>) {
    if (!changed.has('open')) return;
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) {
      dialog.showModal();
      this.focusFirst();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
  }

  /**
   * showModal() focuses the first focusable element of the dialog's own tree, which is the close
   * button: the slotted content is not in that tree. The first field is where the user wants to be.
   */
  private focusFirst() {
    const slotted = this.querySelectorAll<HTMLElement>(`[autofocus], ${FOCUSABLE}`);
    const target = [...slotted].find((el) => el.hasAttribute('autofocus')) ?? slotted[0];
    target?.focus();
  }

  // Escape, the close button, a form with method="dialog" and close() all end here.
  private onClose() {
    this.open = false;
    this.dispatchEvent(new CustomEvent('sb-close', { detail: { returnValue: this.dialog?.returnValue ?? '' } }));
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }
}

define('sb-dialog', SbDialog);

declare global {
  interface HTMLElementTagNameMap {
    'sb-dialog': SbDialog;
  }
}
