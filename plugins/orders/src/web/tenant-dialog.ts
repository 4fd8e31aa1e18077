import {
  ApiClientError,
  LitElement,
  clearFieldErrors,
  css,
  defineElement,
  fieldValues,
  html,
  nothing,
  pageStyles,
  showFieldErrors,
  validateFields,
  type ShellServices,
} from '@switchboard/sdk/web';
import { chosenServices, kindsBelow, serviceName, type DirectoryTenant, type TenantBelow, type TenantKind } from './tenant-tree.js';
import { ordersStyles } from './styles.js';

const HOST = '/api/host';
const KIND_LABELS: Record<TenantKind, string> = { carrier: 'Carrier', reseller: 'Reseller', customer: 'Customer' };
/** The directory's field names for the services: `subscriptions` when creating, `plugins` when setting them. */
const SERVICES_FIELD = /^(body\.|params\.)?(subscriptions|plugins)(\[\d+\])?$/;

const sentence = (text: string) => {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/**
 * Adding a tenant right below the caller's (`tenant` null) or changing one below it: its name,
 * the services it may order (only those the caller's own tenant has) and its theme. The directory
 * decides; its refusals land on the field they name, the services' under the services. Fires
 * `orders-changed` after a change and `orders-close` when it closes.
 */
export class OrdersTenantDialog extends LitElement {
  static override properties = {
    shell: { attribute: false },
    open: { type: Boolean },
    tenant: { attribute: false },
    own: { attribute: false },
    offered: { attribute: false },
    titles: { attribute: false },
    themes: { attribute: false },
    saving: { state: true },
    formError: { state: true },
    servicesError: { state: true },
  };

  shell?: ShellServices;
  open = false;
  /** The tenant changed; null to add one. */
  tenant: TenantBelow | null = null;
  /** The caller's own tenant: the parent of what is added. */
  own: DirectoryTenant | null = null;
  /** The services the caller's tenant has, so may pass on. */
  offered: string[] = [];
  /** Plugin id -> title, where the catalogue told it. */
  titles = new Map<string, string>();
  themes: string[] = [];
  protected saving = false;
  protected formError = '';
  protected servicesError = '';

  static override styles = [
    pageStyles,
    ordersStyles,
    css`
      .services-error {
        color: var(--sb-color-danger);
        font-weight: 600;
        margin: 0.5rem 0 0;
      }
    `,
  ];

  override updated(changed: Map<string, unknown>) {
    // Each opening starts clean: nothing typed or refused before is left over.
    if (changed.has('open') && this.open) {
      const form = this.renderRoot.querySelector('form');
      if (form) clearFieldErrors(form);
      this.formError = '';
      this.servicesError = '';
    }
  }

  override render() {
    const tenant = this.tenant;
    const label = tenant ? `Change ${tenant.name}` : 'Add a customer';
    return html`<sb-dialog label=${label} ?open=${this.open} @sb-close=${this.close}>
      ${this.open ? this.form(tenant) : nothing}
    </sb-dialog>`;
  }

  private form(tenant: TenantBelow | null) {
    const kinds = kindsBelow(this.own?.kind ?? 'customer');
    const current = new Set(tenant?.services ?? []);
    // A service the tenant still has but the caller no longer offers stays visible, so taking it away is possible.
    const choices = [...new Set([...chosenServices(this.offered), ...current])].sort();
    const inUse = this.themes.length ? ` Themes in use: ${this.themes.join(', ')}.` : '';
    return html`<form novalidate @submit=${this.onSubmit}>
      ${tenant
        ? html`<p class="muted">Id <span class="mono">${tenant.id}</span>, ${KIND_LABELS[tenant.kind].toLowerCase()}.</p>`
        : html`<sb-field
            name="id"
            label="Id"
            required
            maxlength="40"
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            pattern-message="Use lower-case letters, digits and single dashes, such as acme-freight."
            hint="Names the account in addresses and reports; it cannot change later."
            autocomplete="off"
          ></sb-field>`}
      <sb-field name="name" label="Name" required maxlength="200" .value=${tenant?.name ?? ''}></sb-field>
      ${!tenant && kinds.length > 1
        ? html`<sb-field name="kind" label="Kind" type="select" .options=${kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))} value="customer"></sb-field>`
        : nothing}
      <fieldset aria-describedby=${this.servicesError ? 'services-error' : nothing}>
        <legend>Services it may order</legend>
        ${choices.length
          ? html`<ul class="choices">
              ${choices.map(
                (plugin) => html`<li>
                  <label><input type="checkbox" name="service" value=${plugin} ?checked=${current.has(plugin)} />${serviceName(plugin, this.titles)}</label>
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">Your account has no services to pass on.</p>`}
        ${this.servicesError ? html`<p id="services-error" class="services-error" role="alert">${this.servicesError}</p>` : nothing}
      </fieldset>
      <sb-field
        name="theme"
        label="Theme"
        maxlength="40"
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        pattern-message="A theme id is lower-case letters, digits and single dashes, such as example-reseller."
        hint="The brand its users see. Leave it empty for the brand of the tenant above.${inUse}"
        autocomplete="off"
        .value=${tenant ? tenant.theme ?? '' : this.own?.theme ?? ''}
      ></sb-field>
      ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <sb-button @click=${this.close}>Cancel</sb-button>
        <sb-button type="submit" variant="primary" ?busy=${this.saving}>${tenant ? 'Save' : 'Add'}</sb-button>
      </div>
    </form>`;
  }

  private readonly close = () => this.dispatchEvent(new CustomEvent('orders-close'));

  private readonly onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    this.formError = '';
    this.servicesError = '';
    if (this.saving || !validateFields(form)) return;
    const values = fieldValues(form);
    const services = [...form.querySelectorAll<HTMLInputElement>('input[name="service"]:checked')].map((box) => box.value);
    const theme = values.theme!.trim() || null;
    this.saving = true;
    try {
      if (this.tenant) await this.change(this.tenant, values.name!, theme, services);
      else await this.add(values, theme, services);
      this.dispatchEvent(new CustomEvent('orders-changed'));
      this.close();
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.showRefusal(form, error);
    } finally {
      this.saving = false;
    }
  };

  private async add(values: Record<string, string>, theme: string | null, services: string[]) {
    const kind = values.kind ?? 'customer';
    const body = { id: values.id!.trim(), parentId: this.own!.id, kind, name: values.name!, theme, subscriptions: services };
    const created = await this.shell!.api.post<DirectoryTenant>(`${HOST}/tenants`, body);
    this.shell!.toast(`${created.name} is added, with ${services.length || 'no'} service${services.length === 1 ? '' : 's'}.`, 'success');
  }

  /** The services first: they are what the directory is likeliest to refuse, and setting them again is harmless. */
  private async change(tenant: TenantBelow, name: string, theme: string | null, services: string[]) {
    const sameServices = services.length === tenant.services.length && services.every((s) => tenant.services.includes(s));
    if (!sameServices) await this.shell!.api.put(`${HOST}/tenants/${encodeURIComponent(tenant.id)}/subscriptions`, { plugins: services });
    const changes = { ...(name !== tenant.name ? { name } : {}), ...(theme !== tenant.theme ? { theme } : {}) };
    try {
      if (Object.keys(changes).length) await this.shell!.api.patch(`${HOST}/tenants/${encodeURIComponent(tenant.id)}`, changes);
    } catch (error) {
      if (!sameServices) this.dispatchEvent(new CustomEvent('orders-changed'));
      throw error;
    }
    this.shell!.toast(`${name} is changed.`, 'success');
  }

  /** A refusal on the fields it names: the services' under the services, the rest on their fields, anything else above the buttons. */
  private showRefusal(form: HTMLFormElement, error: ApiClientError) {
    const services = error.fields.filter((f) => SERVICES_FIELD.test(f.field));
    const others = error.fields.filter((f) => !SERVICES_FIELD.test(f.field));
    if (services.length) this.servicesError = services.map((f) => sentence(f.message)).join(' ');
    const unshown = showFieldErrors(form, others);
    if (!error.fields.length || unshown.length) this.formError = [error.message, ...unshown.map((f) => sentence(f.message))].join(' ');
  }
}

defineElement('orders-tenant-dialog', OrdersTenantDialog);
