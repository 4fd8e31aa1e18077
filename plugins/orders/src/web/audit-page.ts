import { ApiClientError, LitElement, css, defineElement, html, nothing, pageStyles, type Column, type ShellServices } from '@switchboard/sdk/web';
import type { AuditEntry, DirectoryUser, Me } from './api.js';
import { describeAction, localDayStart } from './audit-words.js';
import { formatWhen } from './format.js';
import './cell-elements.js';
import { ordersStyles } from './styles.js';

const HOST = '/api/host';
const PAGE = 100;

/**
 * The audit trail (`#/orders/audit`): administrative changes in the account and the tenants below
 * it, newest first, filtered by who made them and between which days; "Show older" reads on.
 */
export class OrdersAuditPage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    users: { state: true },
    entries: { state: true },
    next: { state: true },
    loading: { state: true },
    loadError: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected users: DirectoryUser[] = [];
  protected entries: AuditEntry[] = [];
  protected next: number | null = null;
  protected loading = true;
  protected loadError = '';
  private filter: { actor?: string; from?: string; to?: string } = {};

  static override styles = [
    pageStyles,
    ordersStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.75rem 1rem;
        margin-bottom: 1rem;
      }
      .filters label {
        display: grid;
        gap: 0.3rem;
        font-weight: 600;
        font-size: 0.9rem;
      }
      .filters select,
      .filters input {
        font: inherit;
        min-height: 2.5rem;
        padding: 0.4rem 0.5rem;
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface);
        color: var(--sb-color-text);
      }
    `,
  ];

  private readonly columns: Column<AuditEntry>[] = [
    { key: 'at', label: 'When', nowrap: true, value: (e) => new Date(e.at), render: (e) => formatWhen(e.at) },
    { key: 'actor', label: 'Who', value: (e) => e.actor.name ?? e.actor.subject },
    { key: 'action', label: 'What', value: (e) => describeAction(e), render: (e) => html`${describeAction(e)}${e.resource ? html`<orders-aside><orders-mono>${e.resource}</orders-mono></orders-aside>` : nothing}` },
    { key: 'tenantId', label: 'Account' },
    { key: 'outcome', label: 'Outcome', render: (e) => html`<orders-badge tone=${e.outcome < 400 ? 'success' : 'danger'}>${e.outcome < 400 ? 'Done' : `Refused (${e.outcome})`}</orders-badge>` },
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this.start();
  }

  private async start() {
    if (!this.shell) return;
    try {
      const me = await this.shell.api.get<Me>(`${HOST}/me`);
      this.users = (await this.shell.api.get<{ items: DirectoryUser[] }>(`${HOST}/users`, { query: { tenantId: me.tenantId } })).items;
    } catch {
      // Without host:users.read the filter offers no names; the trail itself still shows who.
    }
    await this.load(false);
  }

  private readonly load = async (more: boolean) => {
    this.loading = true;
    this.loadError = '';
    try {
      const page = await this.shell!.api.get<{ items: AuditEntry[]; next: number | null }>(`${HOST}/audit`, {
        query: { ...this.filter, limit: PAGE, before: more ? (this.next ?? undefined) : undefined },
      });
      this.entries = more ? [...this.entries, ...page.items] : page.items;
      this.next = page.next;
    } catch (error) {
      this.loadError = error instanceof ApiClientError ? error.message : 'The audit trail could not be loaded.';
    } finally {
      this.loading = false;
    }
  };

  override render() {
    return html`<section class="card">
      <form class="filters" @submit=${this.onFilter} aria-label="Filter the audit trail">
        <label
          >Who
          <select name="actor">
            <option value="">Anyone</option>
            ${this.users.map((u) => html`<option value=${u.id}>${u.name} (${u.login})</option>`)}
          </select></label
        >
        <label>From <input type="date" name="from" /></label>
        <label>To <input type="date" name="to" /></label>
        <sb-button type="submit" variant="primary">Show</sb-button>
      </form>
      ${this.loadError
        ? html`<sb-error-state heading="The audit trail could not be loaded" message=${this.loadError} retryable @sb-retry=${() => this.load(false)}></sb-error-state>`
        : html`<sb-data-table
              caption="Changes, newest first"
              .columns=${this.columns}
              .rows=${this.entries}
              sort-key="at"
              sort-direction="descending"
              page-size="25"
              filterable
              ?loading=${this.loading}
              empty-heading="No changes"
              empty-message="Nothing was changed by that person between those days."
            ></sb-data-table>
            ${this.next !== null ? html`<div class="actions"><sb-button ?busy=${this.loading} @click=${() => this.load(true)}>Show older changes</sb-button></div>` : nothing}`}
    </section>`;
  }

  private readonly onFilter = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const actor = String(data.get('actor') ?? '');
    const from = localDayStart(String(data.get('from') ?? ''));
    // "To" a day includes the whole of that day.
    const to = localDayStart(String(data.get('to') ?? ''), 1);
    this.filter = { ...(actor ? { actor } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
    void this.load(false);
  };
}

defineElement('orders-audit-page', OrdersAuditPage);
