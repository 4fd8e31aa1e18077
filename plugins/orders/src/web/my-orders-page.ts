import { ApiClientError, LitElement, defineElement, html, nothing, pageStyles, type Column, type ShellServices } from '@switchboard/sdk/web';
import type { Order } from './api.js';
import { formatWhen, shortOrderId } from './format.js';
import { orderLinesView, statusBadge, timelineStyles, timelineView } from './order-view.js';
import { ordersStyles } from './styles.js';

/**
 * My orders (`#/orders/my-orders`, one order at `#/orders/my-orders/<id>`): the account's orders,
 * newest first, and one order's timeline of who moved it when, both following the order's changes
 * live; cancelling while it is submitted.
 */
export class OrdersMyOrdersPage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    orders: { state: true },
    order: { state: true },
    loading: { state: true },
    loadError: { state: true },
    cancelling: { state: true },
    actionError: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected orders: Order[] = [];
  protected order: Order | null = null;
  protected loading = true;
  protected loadError = '';
  protected cancelling = false;
  protected actionError = '';

  static override styles = [pageStyles, ordersStyles, timelineStyles];

  private readonly columns: Column<Order>[] = [
    { key: 'id', label: 'Order', nowrap: true, render: (o) => html`<a href="#/orders/my-orders/${o.id}" title=${o.id}>${shortOrderId(o.id)}</a>` },
    { key: 'createdAt', label: 'Placed', nowrap: true, value: (o) => new Date(o.createdAt), render: (o) => formatWhen(o.createdAt) },
    { key: 'status', label: 'Status', render: (o) => statusBadge(o.status) },
    { key: 'items', label: 'What', sortable: false, render: (o) => orderLinesView(o) },
  ];

  /** Order changes as they commit, so what the page shows moves with the order. */
  private live: EventSource | null = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.live = new EventSource('/api/orders/notifications/live');
    this.live.addEventListener('changed', (event) => {
      const { orderId } = JSON.parse((event as MessageEvent<string>).data) as { orderId: string };
      if (!this.orderId || orderId === this.orderId) void this.load(false);
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.live?.close();
    this.live = null;
  }

  private get orderId(): string | undefined {
    return this.rest[0];
  }

  /** Reads the list or the order; `showLoading` false for a refresh the user did not ask for. */
  private readonly load = async (showLoading = true) => {
    if (!this.shell) return;
    if (showLoading) this.loading = true;
    this.loadError = '';
    try {
      if (this.orderId) this.order = await this.shell.api.get<Order>(`/api/orders/orders/${encodeURIComponent(this.orderId)}`);
      else this.orders = (await this.shell.api.get<{ orders: Order[] }>('/api/orders/orders', { query: { limit: 200 } })).orders;
    } catch (error) {
      this.loadError = error instanceof ApiClientError ? error.message : 'Your orders could not be loaded.';
    } finally {
      this.loading = false;
    }
  };

  override render() {
    if (this.loadError) return html`<sb-error-state heading="This could not be loaded" message=${this.loadError} retryable @sb-retry=${() => this.load()}></sb-error-state>`;
    return this.orderId ? this.detail() : this.list();
  }

  private list() {
    return html`<section class="card">
      <sb-data-table
        caption="Your orders, newest first"
        .columns=${this.columns}
        .rows=${this.orders}
        sort-key="createdAt"
        sort-direction="descending"
        page-size="20"
        filterable
        ?loading=${this.loading}
        empty-heading="No orders yet"
        empty-message="Orders you place appear here, with every step they take."
      ></sb-data-table>
    </section>`;
  }

  private detail() {
    const order = this.order;
    if (this.loading || !order) return html`<p role="status">Loading…</p>`;
    const mayCancel = order.next.includes('cancelled') && (this.shell?.can('orders:orders.write') ?? false);
    return html`<div class="stack">
      <p><a href="#/orders/my-orders">All orders</a></p>
      <section class="card" aria-labelledby="order-heading">
        <h2 id="order-heading">Order <orders-mono>${order.id}</orders-mono> ${statusBadge(order.status)}</h2>
        ${orderLinesView(order)} ${order.note ? html`<p class="muted">Your note: “${order.note}”</p>` : nothing}
        ${this.actionError ? html`<p class="form-error" role="alert">${this.actionError}</p>` : nothing}
        ${mayCancel ? html`<div class="actions"><sb-button variant="danger" ?busy=${this.cancelling} @click=${this.cancel}>Cancel the order</sb-button></div>` : nothing}
      </section>
      <section class="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Progress</h2>
        ${timelineView(order)}
      </section>
    </div>`;
  }

  private readonly cancel = async () => {
    const order = this.order!;
    this.cancelling = true;
    this.actionError = '';
    try {
      this.order = await this.shell!.api.post<Order>(`/api/orders/orders/${order.id}/cancel`, {});
      this.shell!.toast('The order was cancelled; its numbers are free for others again.', 'success');
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.actionError = error.message;
      // It moved on meanwhile (staff accepted it): show where it is now.
      if (error.status === 409) await this.load();
    } finally {
      this.cancelling = false;
    }
  };
}

defineElement('orders-my-orders-page', OrdersMyOrdersPage);
