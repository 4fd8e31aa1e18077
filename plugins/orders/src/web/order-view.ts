import { css, html, nothing } from '@switchboard/sdk/web';
import type { Order } from './api.js';
import './cell-elements.js';
import { describeItem, formatNumber, formatWhen, statusLabel, statusTone } from './format.js';

export const statusBadge = (status: Order['status']) => html`<orders-badge tone=${statusTone(status)}>${statusLabel(status)}</orders-badge>`;

/** An order's lines in words, with the numbers each adds and removes: one block each, fit for a table cell. */
export function orderLinesView(order: Order, title?: (service: string) => string) {
  return html`${order.items.map(
    (item) => html`<div>
      ${describeItem(item, title)}
      ${item.reserved.length ? html`<orders-aside>Adds <orders-mono>${item.reserved.map(formatNumber).join(', ')}</orders-mono></orders-aside>` : nothing}
      ${item.disconnect.length ? html`<orders-aside>Removes <orders-mono>${item.disconnect.map(formatNumber).join(', ')}</orders-mono></orders-aside>` : nothing}
    </div>`,
  )}`;
}

/** Every step of an order, oldest first: the status, who moved it there, when, and their note. */
export function timelineView(order: Order) {
  return html`<ol class="timeline" aria-label="What happened to the order">
    ${(order.steps ?? []).map(
      (step) => html`<li>
        ${statusBadge(step.status)}
        <span>by <strong>${step.by.name ?? step.by.subject}</strong></span>
        <time datetime=${step.at}>${formatWhen(step.at)}</time>
        ${step.note ? html`<p class="note">“${step.note}”</p>` : nothing}
      </li>`,
    )}
  </ol>`;
}

export const timelineStyles = css`
  .timeline {
    list-style: none;
    margin: 0;
    padding: 0 0 0 1.25rem;
    border-left: 3px solid var(--sb-color-border);
  }
  .timeline li {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    padding: 0 0 1rem;
  }
  .timeline li::before {
    content: '';
    position: absolute;
    left: calc(-1.25rem - 8px);
    top: 0.35rem;
    width: 13px;
    height: 13px;
    border-radius: 50%;
    background: var(--sb-color-primary);
    border: 2px solid var(--sb-color-surface);
  }
  .timeline time {
    color: var(--sb-color-text-muted);
    font-size: 0.9rem;
  }
  .timeline .note {
    flex-basis: 100%;
    margin: 0.25rem 0 0;
    color: var(--sb-color-text-muted);
  }
`;
