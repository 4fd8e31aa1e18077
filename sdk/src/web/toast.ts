import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ToastKind } from './contract.js';
import { define } from './define.js';
import { baseStyles } from './styles.js';

interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
}

const ICONS: Record<ToastKind, string> = { info: 'ℹ', success: '✓', warning: '!', error: '✕' };
const LINGER_MS = 6000;

/**
 * The page's notification area. Two live regions that exist before any message does (a region
 * inserted together with its text is not announced): polite for news, assertive for errors.
 * Errors stay until dismissed; the others leave after a few seconds, but not while the pointer
 * or the keyboard focus is on them (WCAG 2.2.1).
 */
export class SbToast extends LitElement {
  static override properties = { toasts: { state: true } };

  protected toasts: Toast[] = [];
  private nextId = 1;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private paused = false;

  static override styles = [
    baseStyles,
    css`
      :host {
        position: fixed;
        inset-block-end: 1rem;
        inset-inline-end: 1rem;
        z-index: 1000;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        max-width: min(26rem, calc(100vw - 2rem));
      }
      .region {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .toast {
        display: flex;
        align-items: flex-start;
        gap: 0.75rem;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-inline-start: 6px solid var(--sb-color-info);
        border-radius: var(--sb-radius);
        box-shadow: var(--sb-shadow-raised);
        padding: 0.75rem 0.75rem 0.75rem 1rem;
      }
      .success {
        border-inline-start-color: var(--sb-color-success);
      }
      .warning {
        border-inline-start-color: var(--sb-color-warning);
      }
      .error {
        border-inline-start-color: var(--sb-color-danger);
      }
      .icon {
        font-weight: 700;
      }
      .success .icon {
        color: var(--sb-color-success);
      }
      .error .icon {
        color: var(--sb-color-danger);
      }
      p {
        margin: 0;
        flex: 1;
        line-height: 1.4;
      }
      button {
        font: inherit;
        background: none;
        border: 0;
        color: var(--sb-color-text-muted);
        cursor: pointer;
        border-radius: var(--sb-radius);
        width: 1.75rem;
        height: 1.75rem;
      }
    `,
  ];

  show(message: string, kind: ToastKind = 'info') {
    const toast = { id: this.nextId++, message, kind };
    this.toasts = [...this.toasts, toast];
    if (kind !== 'error') this.schedule(toast.id);
  }

  dismiss(id: number) {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  override render() {
    const region = (live: 'polite' | 'assertive', toasts: Toast[]) =>
      html`<div class="region" role=${live === 'polite' ? 'status' : 'alert'} aria-live=${live} aria-relevant="additions">
        ${repeat(
          toasts,
          (t) => t.id,
          (t) => html`<div class="toast ${t.kind}">
            <span class="icon" aria-hidden="true">${ICONS[t.kind]}</span>
            <p>${t.message}</p>
            <button type="button" aria-label="Dismiss notification" @click=${() => this.dismiss(t.id)}>×</button>
          </div>`,
        )}
      </div>`;
    return html`<div @mouseenter=${this.pause} @mouseleave=${this.resume} @focusin=${this.pause} @focusout=${this.resume}>
      ${region('polite', this.toasts.filter((t) => t.kind !== 'error'))}
      ${region('assertive', this.toasts.filter((t) => t.kind === 'error'))}
    </div>`;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(id: number) {
    if (this.paused) return;
    this.timers.set(id, setTimeout(() => this.dismiss(id), LINGER_MS));
  }

  private pause() {
    this.paused = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private resume() {
    this.paused = false;
    for (const toast of this.toasts) if (toast.kind !== 'error') this.schedule(toast.id);
  }
}

define('sb-toast', SbToast);

declare global {
  interface HTMLElementTagNameMap {
    'sb-toast': SbToast;
  }
}
