import { ApiClientError, LitElement, defineElement, html, nothing, pageStyles, type ShellServices } from '@switchboard/sdk/web';
import type { CatalogueEntry, HeldNumber, Order } from './api.js';
import { formatNumber } from './format.js';
import { orderLines } from './order-lines.js';
import { ordersStyles } from './styles.js';

const SEARCH_PAGE = 24;

/**
 * Place an order (`#/orders/order`): toll-free numbers searched by pattern (vanity letters
 * included) and picked, held numbers to give up, services to subscribe to or drop, and a note; one
 * order for all of it. The server checks everything again and names each problem by line.
 */
export class OrdersPlacePage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    services: { state: true },
    held: { state: true },
    found: { state: true },
    searched: { state: true },
    picked: { state: true },
    removing: { state: true },
    subscribe: { state: true },
    drop: { state: true },
    loading: { state: true },
    loadError: { state: true },
    searching: { state: true },
    searchError: { state: true },
    saving: { state: true },
    formError: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected services: CatalogueEntry[] = [];
  protected held: HeldNumber[] = [];
  protected found: string[] = [];
  protected searched = '';
  protected picked: string[] = [];
  protected removing: string[] = [];
  protected subscribe: string[] = [];
  protected drop: string[] = [];
  protected loading = true;
  protected loadError = '';
  protected searching = false;
  protected searchError = '';
  protected saving = false;
  protected formError = '';

  static override styles = [pageStyles, ordersStyles];

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    if (!this.shell) return;
    this.loading = true;
    this.loadError = '';
    try {
      const [catalogue, held] = await Promise.all([
        this.shell.api.get<{ services: CatalogueEntry[] }>('/api/orders/catalog'),
        this.shell.api.get<{ numbers: HeldNumber[] }>('/api/orders/numbers', { query: { state: 'assigned', limit: 500 } }),
      ]);
      this.services = catalogue.services;
      this.held = held.numbers;
    } catch (error) {
      this.loadError = error instanceof ApiClientError ? error.message : 'What you may order could not be loaded.';
    } finally {
      this.loading = false;
    }
  }

  /** The service numbers are ordered on: the first numbers service the account has or may order. */
  private get numbersService(): CatalogueEntry | null {
    const counted = this.services.filter((s) => s.quantities === 'numbers' && s.orderable && (s.subscribed || s.available));
    return counted.find((s) => s.subscribed) ?? counted[0] ?? null;
  }

  override render() {
    if (this.loadError) return html`<sb-error-state heading="The order form could not be loaded" message=${this.loadError} retryable @sb-retry=${this.load}></sb-error-state>`;
    if (this.loading) return html`<p role="status">Loading…</p>`;
    const numbers = this.numbersService;
    return html`<form class="stack" novalidate @submit=${this.onSubmit}>
      <div class="grid-2">
        ${numbers ? this.numbersSection(numbers) : nothing} ${this.servicesSection()}
      </div>
      <section class="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Your order</h2>
        ${this.summary()}
        <sb-field name="note" label="Note for the people fulfilling it" type="textarea" rows="2" maxlength="1000" hint="Optional."></sb-field>
        ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
        <div class="actions">
          <sb-button type="submit" variant="primary" ?busy=${this.saving} ?disabled=${!this.hasChoices}>Place the order</sb-button>
        </div>
      </section>
    </form>`;
  }

  private numbersSection(service: CatalogueEntry) {
    return html`<section class="card" aria-labelledby="numbers-heading">
      <h2 id="numbers-heading">Toll-free numbers</h2>
      <p class="muted">
        Search the spare numbers: digits, letters as on a keypad (<span class="mono">800-FLOWERS</span>), <span class="mono">?</span> for one digit,
        <span class="mono">*</span> for any run.
      </p>
      <div class="row">
        <sb-field name="pattern" label="Number or pattern" placeholder="e.g. 800-555-01?? or *CALL" maxlength="40" @keydown=${this.searchOnEnter}></sb-field>
        <sb-button @click=${this.search} ?busy=${this.searching}>Search</sb-button>
      </div>
      ${this.searchError ? html`<p class="form-error" role="alert">${this.searchError}</p>` : nothing}
      <div role="status" aria-live="polite">
        ${this.searched
          ? html`<p>${this.found.length ? `${this.found.length} spare number${this.found.length === 1 ? '' : 's'} match “${this.searched}”.` : `No spare number matches “${this.searched}”.`}</p>`
          : nothing}
      </div>
      ${this.found.length
        ? html`<fieldset>
            <legend>Pick the numbers to add</legend>
            <ul class="choices">
              ${this.found.map((n) => this.checkbox('pick', n, formatNumber(n), this.picked.includes(n), (on) => (this.picked = toggled(this.picked, n, on))))}
            </ul>
          </fieldset>`
        : nothing}
      ${this.held.length && service.subscribed
        ? html`<fieldset>
            <legend>Numbers to give up</legend>
            <ul class="choices">
              ${this.held.map((h) => this.checkbox('remove', h.number, formatNumber(h.number), this.removing.includes(h.number), (on) => (this.removing = toggled(this.removing, h.number, on))))}
            </ul>
          </fieldset>`
        : nothing}
    </section>`;
  }

  private servicesSection() {
    const orderable = this.services.filter((s) => s.orderable && (s.subscribed || s.available));
    return html`<section class="card" aria-labelledby="services-heading">
      <h2 id="services-heading">Services</h2>
      ${orderable.length
        ? html`<fieldset>
            <legend>Subscribe or drop</legend>
            <ul class="choices">
              ${orderable.map((s) =>
                s.subscribed
                  ? this.checkbox('drop', s.service, `Drop ${s.title}`, this.drop.includes(s.service), (on) => (this.drop = toggled(this.drop, s.service, on)))
                  : this.checkbox('subscribe', s.service, `Subscribe to ${s.title}`, this.subscribe.includes(s.service), (on) => (this.subscribe = toggled(this.subscribe, s.service, on))),
              )}
            </ul>
          </fieldset>`
        : html`<p class="muted">There is nothing else you may order yourself; your account team arranges other services.</p>`}
    </section>`;
  }

  private checkbox(group: string, value: string, label: string, checked: boolean, change: (on: boolean) => void) {
    return html`<li>
      <label><input type="checkbox" name=${group} .value=${value} .checked=${checked} @change=${(e: Event) => change((e.target as HTMLInputElement).checked)} />${label}</label>
    </li>`;
  }

  private get hasChoices(): boolean {
    return Boolean(this.picked.length || this.removing.length || this.subscribe.length || this.drop.length);
  }

  private summary() {
    if (!this.hasChoices) return html`<p class="muted">Pick numbers or services above.</p>`;
    const title = (service: string) => this.services.find((s) => s.service === service)?.title ?? service;
    return html`<ul class="summary-list">
      ${this.picked.length ? html`<li>Add ${this.picked.map(formatNumber).join(', ')}</li>` : nothing}
      ${this.removing.length ? html`<li>Give up ${this.removing.map(formatNumber).join(', ')}</li>` : nothing}
      ${this.subscribe.map((s) => html`<li>Subscribe to ${title(s)}</li>`)} ${this.drop.map((s) => html`<li>Drop ${title(s)}</li>`)}
    </ul>`;
  }

  private readonly searchOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void this.search();
  };

  private readonly search = async () => {
    const field = this.renderRoot.querySelector<HTMLElement & { value: string; error: string }>('sb-field[name="pattern"]');
    const pattern = field?.value.trim() ?? '';
    this.searchError = '';
    if (field) field.error = '';
    this.searching = true;
    try {
      const answer = await this.shell!.api.get<{ numbers: string[] }>('/api/orders/spare-numbers', { query: { pattern: pattern || undefined, limit: SEARCH_PAGE } });
      this.found = answer.numbers;
      this.searched = pattern || 'any number';
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      const problem = error.fields.find((f) => f.field === 'query.pattern');
      if (problem && field) field.error = `The pattern ${problem.message}.`;
      else this.searchError = error.message;
    } finally {
      this.searching = false;
    }
  };

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.saving || !this.hasChoices) return;
    const note = this.renderRoot.querySelector<HTMLElement & { value: string }>('sb-field[name="note"]')?.value.trim();
    const items = orderLines({ numbersService: this.numbersService, picked: this.picked, removing: this.removing, subscribe: this.subscribe, drop: this.drop });
    this.saving = true;
    this.formError = '';
    try {
      const order = await this.shell!.api.post<Order>('/api/orders/orders', { items, ...(note ? { note } : {}) });
      this.shell!.toast('Your order was placed. You will be told here as it moves on.', 'success');
      this.shell!.navigate(`orders/my-orders/${order.id}`);
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      // Each problem names its line (body.items[0].numbers.pick[1]); in words, they read well together.
      this.formError = [error.message, ...error.fields.map((f) => `${f.message}.`)].join(' ');
      if (error.code === 'numbers_unavailable') void this.search();
    } finally {
      this.saving = false;
    }
  }
}

function toggled(list: readonly string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

defineElement('orders-place-page', OrdersPlacePage);
