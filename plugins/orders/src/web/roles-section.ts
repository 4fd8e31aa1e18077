import { ApiClientError, LitElement, clearFieldErrors, defineElement, fieldValues, html, nothing, pageStyles, showFieldErrors, validateFields, type Column, type ShellServices } from '@switchboard/sdk/web';
import type { Grant, Role } from './api.js';
import { pluginOf } from './entitlement-matrix.js';
import './cell-elements.js';
import { ordersStyles } from './styles.js';

const HOST = '/api/host';

/**
 * Roles: the built-in ones and the account's own, and defining a custom role from the entitlements
 * the administrator holds (which are within what the account subscribes to; the directory refuses
 * anything beyond). Fires `orders-changed` after a change.
 */
export class OrdersRolesSection extends LitElement {
  static override properties = {
    shell: { attribute: false },
    roles: { attribute: false },
    grants: { attribute: false },
    held: { attribute: false },
    tenantId: { attribute: false },
    mayWrite: { type: Boolean, attribute: 'may-write' },
    defining: { state: true },
    chosen: { state: true },
    saving: { state: true },
    formError: { state: true },
  };

  shell?: ShellServices;
  roles: Role[] = [];
  grants: Grant[] = [];
  /** The administrator's own entitlements, qualified (`toll-free:plans.write`). */
  held: string[] = [];
  tenantId = '';
  mayWrite = false;
  protected defining = false;
  protected chosen: string[] = [];
  protected saving = false;
  protected formError = '';

  static override styles = [pageStyles, ordersStyles];

  private readonly columns: Column<Role>[] = [
    { key: 'name', label: 'Role', render: (r) => html`<strong>${r.name}</strong>${r.builtIn ? nothing : html` <orders-badge>Custom</orders-badge>`}<orders-aside>${r.description}</orders-aside>` },
    { key: 'entitlements', label: 'Gives', sortable: false, render: (r) => html`<orders-mono>${r.entitlements.join(', ')}</orders-mono>` },
    { key: 'users', label: 'Held by', align: 'end', value: (r) => this.grants.filter((g) => g.roleId === r.id).length },
    { key: 'actions', label: 'Actions', sortable: false, render: (r) => this.actions(r) },
  ];

  override render() {
    return html`<section class="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">Roles</h2>
        <sb-data-table caption="Roles you can give" .columns=${this.columns} .rows=${this.roles} sort-key="name" page-size="20">
          ${this.mayWrite ? html`<sb-button slot="actions" @click=${this.openDefine}>Define a role</sb-button>` : nothing}
        </sb-data-table>
      </section>
      ${this.mayWrite ? this.defineDialog() : nothing}`;
  }

  private actions(role: Role) {
    if (role.builtIn || !this.mayWrite) return html``;
    const inUse = this.grants.some((g) => g.roleId === role.id);
    return inUse
      ? html`<orders-aside>In use</orders-aside>`
      : html`<sb-button variant="ghost" label="Remove the role ${role.name}" @click=${() => this.removeRole(role)}>Remove</sb-button>`;
  }

  private defineDialog() {
    const plugins = [...new Set(this.held.map(pluginOf))].sort();
    return html`<sb-dialog label="Define a role" ?open=${this.defining} @sb-close=${() => (this.defining = false)}>
      <form novalidate @submit=${this.onDefine}>
        <sb-field name="name" label="Name" required maxlength="100" autofocus></sb-field>
        <sb-field name="description" label="What it is for" maxlength="500"></sb-field>
        <p class="muted">A role can give only what you hold yourself.</p>
        ${plugins.map(
          (plugin) => html`<fieldset>
            <legend>${plugin}</legend>
            <ul class="choices">
              ${this.held
                .filter((e) => pluginOf(e) === plugin)
                .map(
                  (e) => html`<li>
                    <label
                      ><input
                        type="checkbox"
                        name="entitlements"
                        .value=${e}
                        .checked=${this.chosen.includes(e)}
                        @change=${(ev: Event) => (this.chosen = (ev.target as HTMLInputElement).checked ? [...this.chosen, e] : this.chosen.filter((c) => c !== e))}
                      /><span class="mono">${e.slice(plugin.length + 1)}</span></label
                    >
                  </li>`,
                )}
            </ul>
          </fieldset>`,
        )}
        ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
        <div class="actions">
          <sb-button @click=${() => (this.defining = false)}>Cancel</sb-button>
          <sb-button type="submit" variant="primary" ?busy=${this.saving}>Define the role</sb-button>
        </div>
      </form>
    </sb-dialog>`;
  }

  private readonly openDefine = () => {
    const form = this.renderRoot.querySelector<HTMLFormElement>('sb-dialog form');
    form?.reset();
    if (form) clearFieldErrors(form);
    this.chosen = [];
    this.formError = '';
    this.defining = true;
  };

  private readonly onDefine = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    this.formError = '';
    if (this.saving || !validateFields(form)) return;
    if (!this.chosen.length) {
      this.formError = 'Tick what the role gives.';
      return;
    }
    const { name, description } = fieldValues(form);
    this.saving = true;
    try {
      await this.shell!.api.post(`${HOST}/roles`, { tenantId: this.tenantId, name, ...(description ? { description } : {}), entitlements: this.chosen });
      this.defining = false;
      this.shell!.toast(`The role ${name} is defined.`, 'success');
      this.dispatchEvent(new CustomEvent('orders-changed'));
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      const unshown = showFieldErrors(form, error.fields);
      if (!error.fields.length || unshown.length) this.formError = [error.message, ...unshown.map((f) => `${f.message}.`)].join(' ');
    } finally {
      this.saving = false;
    }
  };

  private async removeRole(role: Role) {
    try {
      await this.shell!.api.delete(`${HOST}/roles/${role.id}`);
      this.shell!.toast(`The role ${role.name} is removed.`, 'success');
      this.dispatchEvent(new CustomEvent('orders-changed'));
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.shell!.toast(error.message, 'error');
    }
  }
}

defineElement('orders-roles-section', OrdersRolesSection);
