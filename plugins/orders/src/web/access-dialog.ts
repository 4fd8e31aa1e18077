import { ApiClientError, LitElement, css, defineElement, html, nothing, pageStyles, type ShellServices } from '@switchboard/sdk/web';
import type { DirectoryUser, Explanation, Grant, Role } from './api.js';
import { describeScope } from './format.js';
import './grant-fields.js';
import type { OrdersGrantFields } from './grant-fields.js';
import { ordersStyles } from './styles.js';

const HOST = '/api/host';

const WHY_NOT: Record<'not_subscribed' | 'no_match', string> = {
  not_subscribed: 'the account does not have that service',
  no_match: 'no installed service has such an entitlement',
};

/**
 * One user's access: their grants (a role, and what it reaches), taking one away, giving one, and
 * what they may do as a result, each entitlement with the grant and role pattern that gives it.
 * Fires `orders-changed` after a change, so the page reads the directory again, and `orders-close`
 * when it closes.
 */
export class OrdersAccessDialog extends LitElement {
  static override properties = {
    shell: { attribute: false },
    user: { attribute: false },
    roles: { attribute: false },
    grants: { attribute: false },
    explanation: { attribute: false },
    numbers: { attribute: false },
    mayGrant: { type: Boolean, attribute: 'may-grant' },
    saving: { state: true },
    formError: { state: true },
  };

  shell?: ShellServices;
  user: DirectoryUser | null = null;
  roles: Role[] = [];
  grants: Grant[] = [];
  explanation: Explanation | null = null;
  numbers: string[] = [];
  mayGrant = false;
  protected saving = false;
  protected formError = '';

  static override styles = [
    pageStyles,
    ordersStyles,
    css`
      ul.plain {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
      }
      ul.plain > li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--sb-color-border);
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: minmax(10rem, auto) 1fr;
        gap: 0.35rem 1rem;
        font-size: 0.9rem;
      }
      dt {
        font-weight: 600;
        font-family: var(--sb-font-family-mono);
        font-size: 0.85rem;
      }
      dd {
        margin: 0;
      }
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 0.5rem;
        }
      }
    `,
  ];

  override render() {
    const user = this.user;
    return html`<sb-dialog label=${user ? `Access of ${user.name}` : 'Access'} ?open=${user !== null} @sb-close=${() => this.dispatchEvent(new CustomEvent('orders-close'))}>
      ${user ? this.body(user) : nothing}
    </sb-dialog>`;
  }

  private body(user: DirectoryUser) {
    return html`<h3>Roles</h3>
      ${this.grants.length
        ? html`<ul class="plain">
            ${this.grants.map(
              (g) => html`<li>
                <span><strong>${this.roleName(g.roleId)}</strong>, ${describeScope(g.scope)}</span>
                ${this.mayGrant ? html`<sb-button variant="ghost" label="Take ${this.roleName(g.roleId)} away from ${user.name}" @click=${() => this.revoke(g)}>Take away</sb-button>` : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${user.name} has no role yet, so they may do nothing.</p>`}
      ${this.mayGrant
        ? html`<form novalidate @submit=${this.onGrant}>
            <fieldset>
              <legend>Give a role</legend>
              <orders-grant-fields .roles=${this.roles} .numbers=${this.numbers}></orders-grant-fields>
              ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
              <div class="actions"><sb-button type="submit" variant="primary" ?busy=${this.saving}>Give the role</sb-button></div>
            </fieldset>
          </form>`
        : nothing}
      <h3>What ${user.name} may do</h3>
      ${this.explanationView()}`;
  }

  private explanationView() {
    const explanation = this.explanation;
    if (!explanation) return html`<p class="muted">Not known.</p>`;
    return html`${explanation.active ? nothing : html`<p class="notice warning">Disabled: nothing below applies until the account is enabled again.</p>`}
      ${explanation.entitlements.length
        ? html`<dl>
            ${explanation.entitlements.map(
              (e) => html`<dt>${e.entitlement}</dt>
                <dd>${describeScope(e.scope)}, from ${e.sources.map((s) => `${s.roleName} (${s.pattern}${s.scope === '*' ? '' : `, ${describeScope(s.scope)}`})`).join('; ')}</dd>`,
            )}
          </dl>`
        : html`<p class="muted">Nothing.</p>`}
      ${explanation.ineffective.length
        ? html`<p class="muted">Giving nothing here: ${explanation.ineffective.map((p) => `${p.pattern} of ${p.roleName}, as ${WHY_NOT[p.reason]}`).join('; ')}.</p>`
        : nothing}`;
  }

  private roleName(roleId: string): string {
    return this.roles.find((r) => r.id === roleId)?.name ?? roleId;
  }

  private readonly onGrant = async (event: SubmitEvent) => {
    event.preventDefault();
    const fields = this.renderRoot.querySelector<OrdersGrantFields>('orders-grant-fields')!;
    const { roleId, scope } = fields.value;
    this.formError = '';
    if (!roleId) {
      this.formError = 'Choose a role.';
      return;
    }
    if (Array.isArray(scope) && !scope.length) {
      this.formError = 'Tick at least one number, or type the resources it reaches.';
      return;
    }
    this.saving = true;
    try {
      await this.shell!.api.post(`${HOST}/grants`, { subject: { kind: 'user', id: this.user!.id }, roleId, scope });
      fields.reset();
      this.shell!.toast(`${this.user!.name} has the role ${this.roleName(roleId)} now, from their next request.`, 'success');
      this.dispatchEvent(new CustomEvent('orders-changed'));
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.formError = [error.message, ...error.fields.map((f) => `${f.message}.`)].join(' ');
    } finally {
      this.saving = false;
    }
  };

  private async revoke(grant: Grant) {
    try {
      await this.shell!.api.delete(`${HOST}/grants/${grant.id}`);
      this.shell!.toast(`${this.roleName(grant.roleId)} was taken away from ${this.user!.name}.`, 'success');
      this.dispatchEvent(new CustomEvent('orders-changed'));
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.shell!.toast(error.message, 'error');
    }
  }
}

defineElement('orders-access-dialog', OrdersAccessDialog);
