import { ApiClientError, LitElement, defineElement, html, nothing, pageStyles, type Column, type ShellServices } from '@switchboard/sdk/web';
import type { CatalogueEntry, Me } from './api.js';
import './cell-elements.js';
import { ordersStyles } from './styles.js';
import './tenant-dialog.js';
import { chosenServices, kindsBelow, placeOf, serviceName, themesInUse, type DirectoryTenant, type TenantBelow } from './tenant-tree.js';

const HOST = '/api/host';

/**
 * Customers (`#/orders/customers`) for resellers' and the carrier's administrators, through the
 * directory's API: the tenants below the caller's (a reseller's customers; the carrier's resellers
 * and their customers) with their services and theme; adding one right below, with the services
 * it may order (no more than the caller's own tenant has) and its theme; changing them. Those
 * whom the directory does not let read tenants are told so, not shown an error.
 */
export class OrdersCustomersPage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    me: { state: true },
    own: { state: true },
    tenants: { state: true },
    below: { state: true },
    offered: { state: true },
    titles: { state: true },
    loading: { state: true },
    loadError: { state: true },
    refused: { state: true },
    editing: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected me: Me | null = null;
  protected own: DirectoryTenant | null = null;
  protected tenants: DirectoryTenant[] = [];
  protected below: TenantBelow[] = [];
  protected offered: string[] = [];
  protected titles = new Map<string, string>();
  protected loading = true;
  protected loadError = '';
  /** The directory's words when it does not let the caller read tenants (403). */
  protected refused = '';
  /** The dialog: closed (undefined), adding (null) or changing a tenant. */
  protected editing: TenantBelow | null | undefined = undefined;

  static override styles = [pageStyles, ordersStyles];

  private readonly columns: Column<TenantBelow>[] = [
    { key: 'name', label: 'Name', render: (t) => html`<strong>${t.name}</strong><orders-aside>${t.id}</orders-aside>` },
    { key: 'kind', label: 'Kind', value: (t) => placeOf(t, this.tenants, this.own?.id ?? '') },
    {
      key: 'services',
      label: 'Services',
      sortable: false,
      value: (t) => t.services.map((s) => this.titleOf(s)).join(', '),
      render: (t) => (t.services.length ? t.services.map((s) => this.titleOf(s)).join(', ') : html`<orders-aside>None</orders-aside>`),
    },
    { key: 'theme', label: 'Theme', nowrap: true, value: (t) => t.theme ?? '', render: (t) => (t.theme ? html`<orders-mono>${t.theme}</orders-mono>` : html`<orders-aside>The brand above</orders-aside>`) },
    { key: 'status', label: 'Status', render: (t) => html`<orders-badge tone=${t.status === 'active' ? 'success' : 'muted'}>${t.status === 'active' ? 'Active' : 'Disabled'}</orders-badge>` },
    {
      key: 'actions',
      label: 'Actions',
      sortable: false,
      render: (t) => (this.mayWrite() ? html`<sb-button label="Change ${t.name}" @click=${() => (this.editing = t)}>Change…</sb-button>` : ''),
    },
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The shell knows the plugins' entitlements only; the directory's come from the caller's own explanation. */
  private mayWrite(): boolean {
    return this.me?.explanation?.entitlements.some((e) => e.entitlement === 'host:tenants.write') ?? false;
  }

  private titleOf(plugin: string): string {
    return serviceName(plugin, this.titles);
  }

  private readonly load = async () => {
    const api = this.shell?.api;
    if (!api) return;
    this.loading = true;
    this.loadError = '';
    this.refused = '';
    try {
      const [{ items }, me, catalogue] = await Promise.all([
        api.get<{ items: DirectoryTenant[] }>(`${HOST}/tenants`),
        api.get<Me>(`${HOST}/me`),
        this.shell!.can('orders:catalog.read') ? api.get<{ services: CatalogueEntry[] }>('/api/orders/catalog') : { services: [] },
      ]);
      const subscriptions = await Promise.all(items.map((t) => api.get<{ plugins: string[] }>(`${HOST}/tenants/${encodeURIComponent(t.id)}/subscriptions`)));
      const withServices = items.map((t, index): TenantBelow => ({ ...t, services: chosenServices(subscriptions[index]!.plugins) }));
      const ownId = me.tenantId;
      this.me = me;
      this.tenants = items;
      this.own = items.find((t) => t.id === ownId) ?? null;
      this.offered = withServices.find((t) => t.id === ownId)?.services ?? [];
      this.below = withServices.filter((t) => t.id !== ownId);
      this.titles = new Map(catalogue.services.map((s) => [s.plugin, s.pluginTitle]));
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      if (error.status === 403) this.refused = error.message;
      else this.loadError = error.message;
    } finally {
      this.loading = false;
    }
  };

  override render() {
    if (this.refused) {
      return html`<section class="card" aria-labelledby="customers-heading">
        <h2 id="customers-heading">Accounts below yours</h2>
        <p class="notice">Your access does not include the accounts below yours. An administrator of your account can give it to you.</p>
      </section>`;
    }
    if (this.loadError) return html`<sb-error-state heading="The customers could not be loaded" message=${this.loadError} retryable @sb-retry=${this.load}></sb-error-state>`;
    const mayAdd = this.mayWrite() && kindsBelow(this.own?.kind ?? 'customer').length > 0;
    const carrier = this.own?.kind === 'carrier';
    return html`<section class="card" aria-labelledby="customers-heading">
        <h2 id="customers-heading">${carrier ? 'Resellers and customers' : 'Your customers'}</h2>
        <p class="muted">
          ${this.own?.kind === 'customer'
            ? 'Your account has no customers of its own: resellers and the carrier add customers.'
            : `The accounts below ${this.own?.name ?? 'yours'}, the services each may order, and the brand its users see.`}
        </p>
        <sb-data-table
          caption=${carrier ? 'Resellers and customers' : 'Your customers'}
          .columns=${this.columns}
          .rows=${this.below}
          sort-key="name"
          page-size="20"
          filterable
          ?loading=${this.loading}
          empty-heading="No customers yet"
        >
          ${mayAdd ? html`<sb-button slot="actions" variant="primary" @click=${() => (this.editing = null)}>Add a customer</sb-button>` : nothing}
        </sb-data-table>
      </section>
      <orders-tenant-dialog
        .shell=${this.shell}
        ?open=${this.editing !== undefined}
        .tenant=${this.editing ?? null}
        .own=${this.own}
        .offered=${this.offered}
        .titles=${this.titles}
        .themes=${themesInUse(this.tenants)}
        @orders-changed=${this.load}
        @orders-close=${() => (this.editing = undefined)}
      ></orders-tenant-dialog>`;
  }
}

defineElement('orders-customers-page', OrdersCustomersPage);
