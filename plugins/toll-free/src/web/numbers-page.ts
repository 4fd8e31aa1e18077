import { ApiClientError, LitElement, baseStyles, defineElement, html, nothing, pageStyles, type FieldOption, type ShellServices } from '@switchboard/sdk/web';
import type { Customer, NumberRow, StoredPlan } from './answers.js';
import { destinationFrom, destinationOptions } from './action-choice.js';
import { destinationText } from './destination-text.js';
import { tollFreeStyles } from './page-styles.js';
import { messageOf } from './plan-page.js';
import { formatNumber, formatWhen } from './words.js';

const HOUR_MS = 3_600_000;

const REROUTE_LENGTHS: readonly FieldOption[] = [
  { value: '1', label: '1 hour' },
  { value: '4', label: '4 hours' },
  { value: '12', label: '12 hours' },
  { value: '24', label: '1 day' },
  { value: '168', label: '7 days (the longest)' },
];

const REROUTE_KINDS: readonly FieldOption[] = [
  { value: 'call-center', label: 'A call center' },
  { value: 'number', label: 'A telephone number' },
  { value: 'sip', label: 'A SIP URI' },
];

/**
 * The toll-free page (`#/toll-free`): the customer's numbers with the plan routing each (its active
 * version) and any emergency re-route in force; a new plan for numbers without one (plans.write);
 * and the emergency re-route: chosen numbers to one destination now, until it expires or is undone
 * (plans.activate).
 */
export class TollFreePage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    numbers: { state: true },
    customers: { state: true },
    loadError: { state: true },
    busy: { state: true },
    rerouteKind: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected numbers: NumberRow[] | null = null;
  protected customers: Customer[] = [];
  protected loadError = '';
  protected busy = '';
  protected rerouteKind: 'call-center' | 'number' | 'sip' = 'call-center';

  static override styles = [baseStyles, pageStyles, tollFreeStyles];

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const api = this.shell!.api;
      const [numbers, customers] = await Promise.all([api.get<{ numbers: NumberRow[] }>('/api/toll-free/numbers'), api.get<{ customers: Customer[] }>('/api/toll-free/customers')]);
      this.numbers = numbers.numbers;
      this.customers = customers.customers;
      this.loadError = '';
    } catch (error) {
      this.loadError = messageOf(error, 'The numbers could not be read.');
    }
  }

  /** The customer the forms act for: the caller's own (staff of a reseller see several; the first is shown). */
  private get customer(): Customer | null {
    return this.customers[0] ?? null;
  }

  override render() {
    if (this.loadError) return html`<sb-error-state heading="The numbers could not be read" message=${this.loadError} retryable @sb-retry=${() => this.load()}></sb-error-state>`;
    if (!this.numbers) return html`<p class="muted" role="status">Loading the numbers…</p>`;
    const can = (entitlement: string) => this.shell?.can(`toll-free:${entitlement}`) ?? false;
    return html`<div class="stack">
      ${this.renderNumbers()}
      <div class="grid-2">${can('plans.write') ? this.renderNewPlan() : nothing} ${can('plans.activate') ? this.renderReroute() : nothing}</div>
    </div>`;
  }

  private renderNumbers() {
    const rows = this.numbers!;
    if (!rows.length) return html`<sb-empty-state heading="No toll-free numbers" message="Your carrier has not given this account any toll-free numbers yet."></sb-empty-state>`;
    const canUndo = this.shell?.can('toll-free:plans.activate') ?? false;
    return html`<section class="card" aria-labelledby="numbers-heading">
      <h2 id="numbers-heading">Numbers</h2>
      <div class="table-scroll">
        <table class="versions numbers">
          <caption class="visually-hidden">Your toll-free numbers and how each is routed</caption>
          <thead>
            <tr><th scope="col">Number</th><th scope="col">Plan</th><th scope="col">Routing now</th></tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr data-number=${row.number}>
                <th scope="row">${formatNumber(row.number)}</th>
                <td>
                  ${row.plan
                    ? html`<a href=${`#/toll-free/plans/${row.plan.id}`}>${row.plan.name}</a>
                        ${row.plan.activeVersion === null ? html`<span class="badge draft">Not active</span>` : html`<span class="badge active">Version ${row.plan.activeVersion}</span>`}`
                    : html`<span class="muted">No plan</span>`}
                </td>
                <td>
                  ${row.reroute
                    ? html`<span class="badge rerouted">Re-routed</span> to ${destinationText(row.reroute.destination, this.customerOf(row.tenantId))} until ${formatWhen(row.reroute.expiresAt)}
                        ${canUndo
                          ? html`<sb-button variant="ghost" label=${`Undo the re-route of ${formatNumber(row.number)}`} ?busy=${this.busy === `undo:${row.reroute.id}`} @click=${() => this.undo(row.reroute!.id)}>Undo</sb-button>`
                          : nothing}`
                    : row.plan?.activeVersion
                      ? 'By its plan'
                      : html`<span class="muted">Carrier's default</span>`}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderNewPlan() {
    const free = this.numbers!.filter((row) => !row.plan);
    const centers: FieldOption[] = (this.customer?.callCenters ?? []).map((center) => ({ value: center.id, label: center.name }));
    return html`<section class="card" aria-labelledby="new-plan-heading">
      <h2 id="new-plan-heading">New plan</h2>
      ${free.length
        ? html`<form novalidate @submit=${this.createPlan}>
            <sb-field name="name" label="Plan name" required maxlength="100"></sb-field>
            ${this.numberChoice('plan-number', 'Numbers it routes', free)}
            <sb-field type="select" name="callCenter" label="Send calls to" hint="Where every call goes until you add decisions" .options=${centers} value=${centers[0]?.value ?? ''}></sb-field>
            <sb-button type="submit" variant="primary" ?busy=${this.busy === 'create'}>Create and edit</sb-button>
          </form>`
        : html`<p class="muted">Every number has a plan. Open one to edit it.</p>`}
    </section>`;
  }

  private renderReroute() {
    const open = this.numbers!.filter((row) => !row.reroute);
    const pick = destinationOptions(this.rerouteKind, this.customer);
    return html`<section class="card" aria-labelledby="reroute-heading">
      <h2 id="reroute-heading">Emergency re-route</h2>
      <p class="muted">Sends every call to the chosen numbers to one destination now, whatever their plans say, until it expires or you undo it.</p>
      ${open.length
        ? html`<form novalidate @submit=${this.reroute}>
            ${this.numberChoice('reroute-number', 'Numbers to re-route', open)}
            <sb-field type="select" name="kind" label="Send them to" .options=${REROUTE_KINDS} value=${this.rerouteKind} @change=${(event: Event) => (this.rerouteKind = (event.target as HTMLInputElement).value as typeof this.rerouteKind)}></sb-field>
            ${pick?.options
              ? html`<sb-field type="select" name="target" label=${pick.label} .options=${pick.options} value=${pick.options[0]?.value ?? ''}></sb-field>`
              : html`<sb-field name="target" label=${pick!.label} hint=${pick!.hint ?? ''} required></sb-field>`}
            <sb-field type="select" name="hours" label="For" .options=${REROUTE_LENGTHS} value="4"></sb-field>
            <sb-field name="reason" label="Reason (optional)" maxlength="200"></sb-field>
            <sb-button type="submit" variant="danger" ?busy=${this.busy === 'reroute'}>Re-route now</sb-button>
          </form>`
        : html`<p class="muted">Every number is re-routed already.</p>`}
    </section>`;
  }

  private numberChoice(name: string, legend: string, rows: NumberRow[]) {
    return html`<fieldset class="numbers-choice">
      <legend>${legend}</legend>
      ${rows.map((row) => html`<label><input type="checkbox" name=${name} value=${row.number} />${formatNumber(row.number)}</label>`)}
    </fieldset>`;
  }

  private customerOf(tenantId: string): Customer | null {
    return this.customers.find((customer) => customer.tenantId === tenantId) ?? null;
  }

  private checked(form: HTMLFormElement, name: string): string[] {
    return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((input) => input.value);
  }

  private createPlan = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = Object.fromEntries([...form.querySelectorAll('sb-field')].map((field) => [field.name, field]));
    const numbers = this.checked(form, 'plan-number');
    if (!fields.name!.reportValidity()) return;
    if (!numbers.length) return this.shell!.toast('Choose at least one number for the plan.', 'error');
    await this.act('create', async () => {
      const root = { id: 'route-1', type: 'route', destination: { type: 'call-center', callCenterId: fields.callCenter!.value } };
      const created = await this.shell!.api.post<{ plan: StoredPlan }>('/api/toll-free/plans', { name: fields.name!.value.trim(), numbers, plan: { root } });
      this.shell!.navigate(`toll-free/plans/${created.plan.id}`);
    });
  };

  private reroute = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = Object.fromEntries([...form.querySelectorAll('sb-field')].map((field) => [field.name, field]));
    const numbers = this.checked(form, 'reroute-number');
    if (!fields.target!.reportValidity()) return;
    if (!numbers.length) return this.shell!.toast('Choose the numbers to re-route.', 'error');
    const destination = destinationFrom(this.rerouteKind, fields.target!.value.trim(), this.customer);
    const expiresAt = new Date(Date.now() + Number(fields.hours!.value) * HOUR_MS).toISOString();
    const reason = fields.reason!.value.trim();
    await this.act('reroute', async () => {
      await this.shell!.api.post('/api/toll-free/reroutes', { numbers, destination, expiresAt, ...(reason ? { reason } : {}) });
      this.shell!.toast(`${numbers.map(formatNumber).join(', ')} re-routed to ${destinationText(destination, this.customer)}.`, 'success');
      form.reset();
      await this.load();
    });
  };

  private async undo(rerouteId: string) {
    await this.act(`undo:${rerouteId}`, async () => {
      await this.shell!.api.delete(`/api/toll-free/reroutes/${rerouteId}`);
      this.shell!.toast('Re-route undone: the numbers follow their plans again.', 'success');
      await this.load();
    });
  }

  private async act(what: string, work: () => Promise<void>) {
    if (this.busy) return;
    this.busy = what;
    try {
      await work();
    } catch (error) {
      this.shell!.toast(messageOf(error, 'That did not work.'), 'error');
      if (error instanceof ApiClientError && error.status === 409) await this.load();
    } finally {
      this.busy = '';
    }
  }
}

defineElement('toll-free-page', TollFreePage);
