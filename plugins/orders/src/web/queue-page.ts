import { ApiClientError, LitElement, defineElement, html, nothing, pageStyles, type Column, type ShellServices } from '@switchboard/sdk/web';
import type { Order, OrderStatus } from './api.js';
import { formatWhen, shortOrderId, statusLabel, stepVerb } from './format.js';
import { orderLinesView, statusBadge } from './order-view.js';
import { ordersStyles } from './styles.js';

/** The steps staff take; cancelling is the customer's. */
const STAFF_STEPS: readonly OrderStatus[] = ['accepted', 'in_provisioning', 'completed', 'rejected'];

/**
 * The fulfilment queue (`#/orders/queue`) for the staff of the carrier and resellers: the open
 * orders of the tenants below, oldest first, each with a button for every step it may take next
 * and no other. When someone else moved an order first, the server's refusal (409) leaves the order
 * re-read, so the buttons are again the ones it allows.
 */
export class OrdersQueuePage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    orders: { state: true },
    loading: { state: true },
    loadError: { state: true },
    busy: { state: true },
    rejecting: { state: true },
    rejectError: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected orders: Order[] = [];
  protected loading = true;
  protected loadError = '';
  /** The order a step is being taken on. */
  protected busy = '';
  protected rejecting: Order | null = null;
  protected rejectError = '';

  static override styles = [pageStyles, ordersStyles];

  private readonly columns: Column<Order>[] = [
    { key: 'createdAt', label: 'Placed', nowrap: true, value: (o) => new Date(o.createdAt), render: (o) => html`${formatWhen(o.createdAt)}<orders-aside title=${o.id}><orders-mono>${shortOrderId(o.id)}</orders-mono></orders-aside>` },
    { key: 'tenantId', label: 'Customer' },
    { key: 'status', label: 'Status', value: (o) => statusLabel(o.status), render: (o) => statusBadge(o.status) },
    { key: 'items', label: 'What', sortable: false, render: (o) => html`${orderLinesView(o)}${o.note ? html`<orders-aside>“${o.note}”</orders-aside>` : nothing}` },
    { key: 'next', label: 'Next step', sortable: false, render: (o) => this.stepButtons(o) },
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private readonly load = async () => {
    if (!this.shell) return;
    this.loading = true;
    this.loadError = '';
    try {
      this.orders = (await this.shell.api.get<{ orders: Order[] }>('/api/orders/queue', { query: { limit: 200 } })).orders;
    } catch (error) {
      this.loadError = error instanceof ApiClientError ? error.message : 'The queue could not be loaded.';
    } finally {
      this.loading = false;
    }
  };

  override render() {
    if (this.loadError) return html`<sb-error-state heading="The queue could not be loaded" message=${this.loadError} retryable @sb-retry=${this.load}></sb-error-state>`;
    return html`<section class="card">
        <sb-data-table
          caption="Open orders of your customers, oldest first"
          .columns=${this.columns}
          .rows=${this.orders}
          sort-key="createdAt"
          page-size="20"
          filterable
          ?loading=${this.loading}
          empty-heading="Nothing to do"
          empty-message="Orders your customers place appear here until they are completed, rejected or cancelled."
        >
          <sb-button slot="actions" @click=${this.load}>Refresh</sb-button>
        </sb-data-table>
      </section>
      ${this.rejectDialog()}`;
  }

  private stepButtons(order: Order) {
    const steps = order.next.filter((status) => STAFF_STEPS.includes(status));
    if (!steps.length) return html`<orders-aside>None</orders-aside>`;
    return html`<div>
      ${steps.map(
        (status) => html`<sb-button
          variant=${status === 'rejected' ? 'danger' : status === steps[0] ? 'primary' : 'secondary'}
          ?busy=${this.busy === order.id}
          label="${stepVerb(status)} order ${order.id} of ${order.tenantId}"
          @click=${() => (status === 'rejected' ? this.openReject(order) : void this.step(order, status))}
          >${stepVerb(status)}</sb-button
        >`,
      )}
    </div>`;
  }

  private rejectDialog() {
    const order = this.rejecting;
    return html`<sb-dialog label="Reject the order" ?open=${order !== null} @sb-close=${() => (this.rejecting = null)}>
      <form novalidate @submit=${this.onReject}>
        <p>${order ? html`The order of <strong>${order.tenantId}</strong> is rejected and its numbers go back to spare. The customer reads your reason.` : nothing}</p>
        <sb-field name="note" label="Reason" type="textarea" rows="3" required maxlength="1000" autofocus></sb-field>
        ${this.rejectError ? html`<p class="form-error" role="alert">${this.rejectError}</p>` : nothing}
        <div class="actions">
          <sb-button @click=${() => (this.rejecting = null)}>Keep it</sb-button>
          <sb-button type="submit" variant="danger" ?busy=${this.busy !== ''}>Reject the order</sb-button>
        </div>
      </form>
    </sb-dialog>`;
  }

  private openReject(order: Order) {
    this.renderRoot.querySelector<HTMLFormElement>('sb-dialog form')?.reset();
    this.rejectError = '';
    this.rejecting = order;
  }

  private readonly onReject = async (event: SubmitEvent) => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).querySelector<HTMLElement & { value: string; reportValidity(): boolean }>('sb-field[name="note"]')!;
    if (!field.reportValidity() || !this.rejecting) return;
    const done = await this.step(this.rejecting, 'rejected', field.value.trim());
    if (done) this.rejecting = null;
  };

  /** Takes one step on an order; true when it was taken. */
  private async step(order: Order, status: OrderStatus, note?: string): Promise<boolean> {
    this.setBusy(order.id);
    try {
      const moved = await this.shell!.api.post<Order>(`/api/orders/orders/${order.id}/status`, { status, ...(note ? { note } : {}) });
      this.replace(moved);
      this.shell!.toast(`Order ${shortOrderId(order.id)} of ${order.tenantId}: ${statusLabel(moved.status).toLowerCase()}.`, 'success');
      return true;
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      if (status === 'rejected' && error.status === 400) this.rejectError = error.message;
      else this.shell!.toast(error.message, 'error');
      // Moved by someone else meanwhile: read it again, so the buttons are the steps it allows now.
      if (error.status === 409) await this.reread(order.id);
      return false;
    } finally {
      this.setBusy('');
    }
  }

  /** The table draws its cells from the rows it is given: a new array makes it draw the buttons' state again. */
  private setBusy(orderId: string) {
    this.busy = orderId;
    this.orders = [...this.orders];
  }

  private async reread(orderId: string) {
    try {
      this.replace(await this.shell!.api.get<Order>(`/api/orders/orders/${orderId}`));
    } catch {
      await this.load();
    }
  }

  /** An order's new state: it stays in the list while it has steps left, and leaves when it is done. */
  private replace(order: Order) {
    this.orders = order.next.some((status) => STAFF_STEPS.includes(status)) ? this.orders.map((o) => (o.id === order.id ? order : o)) : this.orders.filter((o) => o.id !== order.id);
  }
}

defineElement('orders-queue-page', OrdersQueuePage);
