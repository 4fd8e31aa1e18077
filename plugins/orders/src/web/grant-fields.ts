import { LitElement, css, defineElement, html, nothing, pageStyles } from '@switchboard/sdk/web';
import type { Role, Scope } from './api.js';
import { formatNumber } from './format.js';
import { ordersStyles } from './styles.js';

/**
 * The fields of a grant: a role, and what it reaches: everything, or only some resources (the
 * account's toll-free numbers to tick, or other ids to type). `value` is what POST /api/host/grants
 * takes; `roleId` is '' while no role is chosen.
 */
export class OrdersGrantFields extends LitElement {
  static override properties = {
    roles: { attribute: false },
    numbers: { attribute: false },
    optional: { type: Boolean },
    roleId: { state: true },
    limited: { state: true },
    chosen: { state: true },
  };

  roles: Role[] = [];
  /** The account's numbers, E.164: what a grant is most often limited to. */
  numbers: string[] = [];
  /** No role is a valid answer (inviting someone who gets access later). */
  optional = false;
  protected roleId = '';
  protected limited = false;
  protected chosen: string[] = [];

  static override styles = [
    pageStyles,
    ordersStyles,
    css`
      select,
      textarea {
        font: inherit;
        width: 100%;
        padding: 0.5rem;
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface);
        color: var(--sb-color-text);
      }
      label.field {
        display: block;
        font-weight: 600;
        margin-bottom: 0.35rem;
      }
      .field-block {
        margin-bottom: 1rem;
      }
    `,
  ];

  get value(): { roleId: string; scope: Scope } {
    const typed = (this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.value ?? '')
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    const scope = this.limited ? [...new Set([...this.chosen, ...typed])] : '*';
    return { roleId: this.roleId, scope };
  }

  /** Clears the choice, for the next grant. */
  reset() {
    this.roleId = '';
    this.limited = false;
    this.chosen = [];
    const typed = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
    if (typed) typed.value = '';
  }

  override render() {
    return html`<div class="field-block">
        <label class="field" for="role">Role${this.optional ? html` <span class="muted">(optional)</span>` : nothing}</label>
        <select id="role" name="roleId" .value=${this.roleId} @change=${(e: Event) => (this.roleId = (e.target as HTMLSelectElement).value)}>
          <option value="">${this.optional ? 'No access yet' : 'Choose a role'}</option>
          ${this.roles.map((role) => html`<option value=${role.id} ?selected=${role.id === this.roleId}>${role.name}${role.builtIn ? '' : ' (custom)'}</option>`)}
        </select>
      </div>
      ${this.roleId
        ? html`<fieldset>
            <legend>What it reaches</legend>
            <label class="choice"><input type="radio" name="reach" .checked=${!this.limited} @change=${() => (this.limited = false)} />Everything of the account</label>
            <label class="choice"><input type="radio" name="reach" .checked=${this.limited} @change=${() => (this.limited = true)} />Only these</label>
            ${this.limited ? this.limitedChoices() : nothing}
          </fieldset>`
        : nothing}`;
  }

  private limitedChoices() {
    return html`${this.numbers.length
        ? html`<ul class="choices" aria-label="Numbers">
            ${this.numbers.map(
              (n) => html`<li>
                <label
                  ><input
                    type="checkbox"
                    name="scope"
                    .value=${n}
                    .checked=${this.chosen.includes(n)}
                    @change=${(e: Event) => (this.chosen = (e.target as HTMLInputElement).checked ? [...this.chosen, n] : this.chosen.filter((c) => c !== n))}
                  /><span class="mono">${formatNumber(n)}</span></label
                >
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="field-block">
        <label class="field" for="other-ids">Other resources <span class="muted">(ids, separated by commas)</span></label>
        <textarea id="other-ids" rows="2" maxlength="4000"></textarea>
      </div>`;
  }
}

defineElement('orders-grant-fields', OrdersGrantFields);
