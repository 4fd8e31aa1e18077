import { ApiClientError, LitElement, defineElement, html, nothing, pageStyles, type Column, type ShellServices } from '@switchboard/sdk/web';
import type { CatalogueEntry, HeldNumber } from './api.js';
import { formatNumber, formatWhen } from './format.js';
import './cell-elements.js';
import { ordersStyles } from './styles.js';

/** Where a service stands for the account, in words and tone. */
function standing(entry: CatalogueEntry): { text: string; tone: string } {
  if (entry.subscribed) return { text: 'You have it', tone: 'success' };
  if (!entry.available) return { text: 'Not offered to you', tone: 'muted' };
  if (!entry.orderable) return { text: 'Ask your account team', tone: 'warning' };
  return { text: 'Available to order', tone: 'info' };
}

/**
 * Catalogue and my services (`#/orders`): every service of the installed plugins, whether the
 * account has it or may order it, and the toll-free numbers it holds.
 */
export class OrdersCataloguePage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    services: { state: true },
    numbers: { state: true },
    loading: { state: true },
    loadError: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected services: CatalogueEntry[] = [];
  protected numbers: HeldNumber[] = [];
  protected loading = true;
  protected loadError = '';

  static override styles = [pageStyles, ordersStyles];

  private readonly serviceColumns: Column<CatalogueEntry>[] = [
    { key: 'title', label: 'Service', render: (s) => html`<strong>${s.title}</strong><orders-aside>${s.pluginTitle}</orders-aside>` },
    { key: 'description', label: 'What it is', sortable: false },
    {
      key: 'standing',
      label: 'For you',
      value: (s) => standing(s).text,
      render: (s) => html`<orders-badge tone=${standing(s).tone}>${standing(s).text}</orders-badge>`,
    },
    {
      key: 'numbers',
      label: 'Numbers',
      align: 'end',
      value: (s) => s.numbers?.assigned ?? null,
      render: (s) => (s.numbers ? `${s.numbers.assigned} in service${s.numbers.reserved ? `, ${s.numbers.reserved} on order` : ''}` : '—'),
    },
  ];

  private readonly numberColumns: Column<HeldNumber>[] = [
    { key: 'number', label: 'Number', nowrap: true, render: (n) => html`<orders-mono>${formatNumber(n.number)}</orders-mono>` },
    { key: 'state', label: 'State', render: (n) => html`<orders-badge tone=${n.state === 'assigned' ? 'success' : 'info'}>${n.state === 'assigned' ? 'In service' : 'On order'}</orders-badge>` },
    { key: 'since', label: 'Since', nowrap: true, value: (n) => new Date(n.since), render: (n) => formatWhen(n.since) },
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    if (!this.shell) return;
    this.loading = true;
    this.loadError = '';
    try {
      const [catalogue, numbers] = await Promise.all([
        this.shell.api.get<{ services: CatalogueEntry[] }>('/api/orders/catalog'),
        this.shell.can('orders:numbers.read') ? this.shell.api.get<{ numbers: HeldNumber[] }>('/api/orders/numbers', { query: { limit: 500 } }) : { numbers: [] },
      ]);
      this.services = catalogue.services;
      this.numbers = numbers.numbers;
    } catch (error) {
      this.loadError = error instanceof ApiClientError ? error.message : 'The catalogue could not be loaded.';
    } finally {
      this.loading = false;
    }
  }

  override render() {
    if (this.loadError) return html`<sb-error-state heading="The catalogue could not be loaded" message=${this.loadError} retryable @sb-retry=${this.load}></sb-error-state>`;
    const canOrder = this.shell?.can('orders:orders.write') ?? false;
    return html`<div class="stack">
      <section class="card" aria-labelledby="services-heading">
        <h2 id="services-heading">Services</h2>
        <p class="muted">What your account has, and what it may order.</p>
        <sb-data-table caption="Services you have and may order" .columns=${this.serviceColumns} .rows=${this.services} page-size="20" ?loading=${this.loading} empty-heading="No services installed">
          ${canOrder ? html`<sb-button slot="actions" variant="primary" @click=${() => this.shell!.navigate('orders/order')}>Place an order</sb-button>` : nothing}
        </sb-data-table>
      </section>
      ${this.shell?.can('orders:numbers.read')
        ? html`<section class="card" aria-labelledby="numbers-heading">
            <h2 id="numbers-heading">Your toll-free numbers</h2>
            <sb-data-table
              caption="Toll-free numbers held"
              .columns=${this.numberColumns}
              .rows=${this.numbers}
              sort-key="number"
              page-size="20"
              filterable
              ?loading=${this.loading}
              empty-heading="No numbers yet"
              empty-message=${canOrder ? 'Numbers you order appear here once the order is completed.' : 'Numbers your account holds appear here.'}
            ></sb-data-table>
          </section>`
        : nothing}
    </div>`;
  }
}

defineElement('orders-catalogue-page', OrdersCataloguePage);
