import { ApiClientError, LitElement, css, defineElement, html, nothing, pageStyles, type ShellServices } from '@switchboard/sdk/web';
import type { SimulatedCustomer, SimulatedDestination, SimulatorState } from './traffic-answers.js';

/** Busy agents move with every call; the panel reads them this often while it is shown. */
const REFRESH_MS = 5_000;

/**
 * The embedded network simulator, for users who may steer it (traffic:simulator.write): each
 * customer's call rate, and each destination's busy agents with a button to take it down or bring
 * it up, so an incident and its fix can be shown. Hidden when the simulator is off (404
 * simulator_off) or not there at all.
 */
export class TrafficSimulatorPanel extends LitElement {
  static override properties = {
    shell: { attribute: false },
    state: { state: true },
    busy: { state: true },
  };

  shell?: ShellServices;
  protected state: SimulatorState | null = null;
  /** What is being changed (a customer's rate or a destination), so its button shows it. */
  protected busy = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  static override styles = [
    pageStyles,
    css`
      .customer + .customer {
        margin-top: 1.5rem;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.75rem;
      }
      form sb-field {
        margin-bottom: 0;
        max-width: 16rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 1rem 0 0;
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        padding: 0.6rem 0.75rem;
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
      }
      li.down {
        border-color: var(--sb-color-danger);
        background: var(--sb-color-danger-bg);
      }
      .name {
        font-weight: 600;
      }
      .down-label {
        color: var(--sb-color-danger);
        font-weight: 700;
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async refresh() {
    if (!this.shell) return;
    try {
      this.state = await this.shell.api.get<SimulatorState>('/api/traffic/simulator');
    } catch (error) {
      // Off, or not offered to this user: no panel. Anything else keeps the last state shown.
      if (error instanceof ApiClientError && [403, 404].includes(error.status)) {
        this.state = null;
        clearInterval(this.timer);
      }
    }
  }

  override render() {
    if (!this.state) return nothing;
    return html`<section class="card" aria-labelledby="simulator-heading">
      <h2 id="simulator-heading">Simulator</h2>
      <p class="muted">
        ${this.state.running ? 'Generating calls for these customers through the real ingest path.' : 'Stopped: no calls are generated.'}
      </p>
      ${this.state.customers.map((customer) => this.renderCustomer(customer))}
    </section>`;
  }

  private renderCustomer(customer: SimulatedCustomer) {
    const several = this.state!.customers.length > 1;
    return html`<div class="customer">
      ${several ? html`<h3>${customer.tenantId}</h3>` : nothing}
      <form novalidate @submit=${(event: SubmitEvent) => this.setRate(event, customer)}>
        <sb-field
          name="callsPerMinute"
          type="number"
          label=${several ? `Calls per minute at peak (${customer.tenantId})` : 'Calls per minute at peak'}
          min="0"
          max="60000"
          step="any"
          required
          value=${String(customer.callsPerMinute)}
        ></sb-field>
        <sb-button type="submit" ?busy=${this.busy === `rate:${customer.tenantId}`}>Set rate</sb-button>
      </form>
      <p class="muted">Now ${Math.round(customer.callsPerMinute * customer.profileFactor)} calls per minute with the time of day.</p>
      <ul aria-label=${several ? `Destinations of ${customer.tenantId}` : 'Destinations'}>
        ${customer.destinations.map((destination) => this.renderDestination(destination))}
      </ul>
    </div>`;
  }

  private renderDestination(destination: SimulatedDestination) {
    const name = destination.name || destination.id;
    return html`<li class=${destination.up ? '' : 'down'}>
      <span>
        <span class="name">${name}</span>
        ${destination.up
          ? html`<span class="muted">${destination.busyAgents} of ${destination.agents} agents busy</span>`
          : html`<span class="down-label">Down</span>`}
      </span>
      <sb-button
        variant=${destination.up ? 'danger' : 'primary'}
        ?busy=${this.busy === `destination:${destination.id}`}
        label=${`${destination.up ? 'Take down' : 'Bring up'} ${name}`}
        @click=${() => this.setUp(destination, !destination.up)}
        >${destination.up ? 'Take down' : 'Bring up'}</sb-button
      >
    </li>`;
  }

  private async setRate(event: SubmitEvent, customer: SimulatedCustomer) {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).querySelector('sb-field')!;
    if (!field.reportValidity()) return;
    await this.change(`rate:${customer.tenantId}`, `/api/traffic/simulator/customers/${encodeURIComponent(customer.tenantId)}`, { callsPerMinute: Number(field.value) }, `Rate set to ${field.value} calls per minute.`);
  }

  private async setUp(destination: SimulatedDestination, up: boolean) {
    const name = destination.name || destination.id;
    await this.change(`destination:${destination.id}`, `/api/traffic/simulator/destinations/${encodeURIComponent(destination.id)}`, { up }, up ? `${name} is up again.` : `${name} is down: its calls fail.`);
  }

  /** A PATCH through the shell's client, which sends the session's anti-forgery token. */
  private async change(what: string, path: string, body: Record<string, unknown>, done: string) {
    if (this.busy) return;
    this.busy = what;
    try {
      await this.shell!.api.patch(path, body);
      this.shell!.toast(done, 'success');
      await this.refresh();
    } catch (error) {
      const message = error instanceof ApiClientError ? [error.message, ...error.fields.map((f) => `${f.field} ${f.message}`)].join(' ') : 'The simulator could not be changed.';
      this.shell!.toast(message, 'error');
    } finally {
      this.busy = '';
    }
  }
}

defineElement('traffic-simulator-panel', TrafficSimulatorPanel);
