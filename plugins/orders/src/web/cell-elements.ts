import { LitElement, css, defineElement, html } from '@switchboard/sdk/web';

/*
 * Small elements for what pages put inside the kit's table cells: a cell is drawn in the table's
 * own shadow root, where a page's classes do not reach, so a badge or a muted line brings its own
 * styles. Theme tokens only.
 */

/** A status in a pill: `<orders-badge tone="success">Completed</orders-badge>`. */
export class OrdersBadge extends LitElement {
  static override properties = { tone: { reflect: true } };
  tone: 'info' | 'success' | 'danger' | 'warning' | 'muted' = 'info';

  static override styles = css`
    :host {
      display: inline-block;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 700;
      white-space: nowrap;
      border: 1px solid currentColor;
      color: var(--sb-color-info);
      background: var(--sb-color-info-bg);
      vertical-align: middle;
    }
    :host([tone='success']) {
      color: var(--sb-color-success);
      background: var(--sb-color-success-bg);
    }
    :host([tone='danger']) {
      color: var(--sb-color-danger);
      background: var(--sb-color-danger-bg);
    }
    :host([tone='warning']) {
      color: var(--sb-color-warning);
      background: var(--sb-color-warning-bg);
    }
    :host([tone='muted']) {
      color: var(--sb-color-text-muted);
      background: var(--sb-color-surface-alt);
    }
  `;

  override render() {
    return html`<slot></slot>`;
  }
}

/** A second, quieter line under a cell's main text. */
export class OrdersAside extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--sb-color-text-muted);
      font-size: 0.875rem;
    }
  `;

  override render() {
    return html`<slot></slot>`;
  }
}

/** Numbers and ids, in the theme's monospace font so their digits line up. */
export class OrdersMono extends LitElement {
  static override styles = css`
    :host {
      font-family: var(--sb-font-family-mono);
      font-size: 0.95em;
    }
  `;

  override render() {
    return html`<slot></slot>`;
  }
}

defineElement('orders-badge', OrdersBadge);
defineElement('orders-aside', OrdersAside);
defineElement('orders-mono', OrdersMono);
