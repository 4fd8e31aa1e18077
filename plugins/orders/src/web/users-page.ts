import {
  ApiClientError,
  LitElement,
  baseStyles,
  clearFieldErrors,
  css,
  defineElement,
  fieldValues,
  html,
  nothing,
  pageStyles,
  showFieldErrors,
  validateFields,
  type Column,
  type ShellServices,
} from '@switchboard/sdk/web';
import type { DirectoryUser, Explanation, Grant, HeldNumber, Me, Role } from './api.js';
import { entitlementMatrix } from './entitlement-matrix.js';
import { describeScope } from './format.js';
import './grant-fields.js';
import type { OrdersGrantFields } from './grant-fields.js';
import { matrixStyles, matrixView } from './matrix-view.js';
import './access-dialog.js';
import './roles-section.js';
import './cell-elements.js';
import { ordersStyles } from './styles.js';

const HOST = '/api/host';

const STATUS_TONES: Record<DirectoryUser['status'], 'warning' | 'success' | 'muted'> = { invited: 'warning', active: 'success', disabled: 'muted' };

/**
 * Users and roles (`#/orders/users`) for the account's administrators, through the directory's API:
 * the users, inviting one (the one-time link shown once, to copy), disabling and enabling,
 * resetting a second factor, each user's roles and scoped grants, custom roles, and the
 * entitlement matrix (users × entitlements, and which role gives each). The directory refuses what
 * the administrator may not do (more than they hold, anything on themselves); the page offers only
 * what they hold and says why when refused.
 */
export class OrdersUsersPage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    me: { state: true },
    users: { state: true },
    roles: { state: true },
    grants: { state: true },
    explanations: { state: true },
    numbers: { state: true },
    loading: { state: true },
    loadError: { state: true },
    inviting: { state: true },
    saving: { state: true },
    formError: { state: true },
    link: { state: true },
    accessFor: { state: true },
    resetting: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected me: Me | null = null;
  protected users: DirectoryUser[] = [];
  protected roles: Role[] = [];
  protected grants: Grant[] = [];
  protected explanations = new Map<string, Explanation>();
  protected numbers: string[] = [];
  protected loading = true;
  protected loadError = '';
  protected inviting = false;
  protected saving = false;
  protected formError = '';
  /** The invitation just issued: shown once, never again. */
  protected link: { user: DirectoryUser; url: string } | null = null;
  protected accessFor: DirectoryUser | null = null;
  protected resetting: DirectoryUser | null = null;

  static override styles = [
    baseStyles,
    pageStyles,
    ordersStyles,
    matrixStyles,
    css`
    `,
  ];

  private readonly columns: Column<DirectoryUser>[] = [
    {
      key: 'name',
      label: 'User',
      render: (u) => html`<strong>${u.name}</strong>${this.isMe(u) ? ' (you)' : nothing}<orders-aside>${u.login}</orders-aside>`,
    },
    { key: 'status', label: 'Status', render: (u) => html`<orders-badge tone=${STATUS_TONES[u.status]}>${u.status[0]!.toUpperCase()}${u.status.slice(1)}</orders-badge>` },
    { key: 'roles', label: 'Roles', sortable: false, render: (u) => this.rolesOf(u) },
    { key: 'actions', label: 'Actions', sortable: false, render: (u) => this.actions(u) },
  ];

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** What the caller holds of the host's entitlements (`host:users.write`), from their own explanation. */
  private holds(entitlement: string): boolean {
    return this.me?.explanation?.entitlements.some((e) => e.entitlement === entitlement) ?? false;
  }

  private isMe(user: DirectoryUser): boolean {
    return this.me?.subject === user.id;
  }

  private readonly load = async () => {
    const api = this.shell?.api;
    if (!api) return;
    this.loading = true;
    this.loadError = '';
    try {
      this.me = await api.get<Me>(`${HOST}/me`);
      const own = { tenantId: this.me.tenantId, descendants: false };
      const [users, roles, grants, numbers] = await Promise.all([
        api.get<{ items: DirectoryUser[] }>(`${HOST}/users`, { query: own }),
        this.holds('host:roles.read') ? api.get<{ items: Role[] }>(`${HOST}/roles`, { query: own }) : { items: [] },
        api.get<{ items: Grant[] }>(`${HOST}/grants`, { query: own }),
        this.shell!.can('orders:numbers.read') ? api.get<{ numbers: HeldNumber[] }>('/api/orders/numbers', { query: { state: 'assigned', limit: 500 } }) : { numbers: [] },
      ]);
      const explained = await Promise.all(users.items.map((u) => api.get<Explanation>(`${HOST}/explain/user/${u.id}`)));
      this.users = users.items;
      this.roles = roles.items;
      this.grants = grants.items;
      this.explanations = new Map(explained.map((e) => [e.subject.id, e]));
      this.numbers = numbers.numbers.map((n) => n.number);
    } catch (error) {
      this.loadError = error instanceof ApiClientError ? error.message : 'The users could not be loaded.';
    } finally {
      this.loading = false;
    }
  };

  override render() {
    if (this.loadError) return html`<sb-error-state heading="The users could not be loaded" message=${this.loadError} retryable @sb-retry=${this.load}></sb-error-state>`;
    const mayWrite = this.holds('host:users.write');
    const matrix = entitlementMatrix(this.users, this.explanations);
    return html`<div class="stack">
        <section class="card" aria-labelledby="users-heading">
          <h2 id="users-heading">Users</h2>
          <sb-data-table caption="Users of your account" .columns=${this.columns} .rows=${this.users} sort-key="name" page-size="20" filterable ?loading=${this.loading} empty-heading="No users">
            ${mayWrite ? html`<sb-button slot="actions" variant="primary" @click=${this.openInvite}>Invite a user</sb-button>` : nothing}
          </sb-data-table>
        </section>
        <section class="card" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading">Who may do what</h2>
          <p class="muted">Each user's entitlements, what each reaches, and the role that gives it.</p>
          ${this.loading ? html`<p role="status">Loading…</p>` : matrixView(matrix)}
        </section>
        ${this.holds('host:roles.read')
          ? html`<orders-roles-section
              .shell=${this.shell}
              .roles=${this.roles}
              .grants=${this.grants}
              .held=${this.me?.explanation?.entitlements.map((e) => e.entitlement) ?? []}
              .tenantId=${this.me?.tenantId ?? ''}
              ?may-write=${this.holds('host:roles.write')}
              @orders-changed=${this.load}
            ></orders-roles-section>`
          : nothing}
      </div>
      ${mayWrite ? this.inviteDialog() : nothing} ${this.linkDialog()} ${this.resetDialog()}
      <orders-access-dialog
        .shell=${this.shell}
        .user=${this.accessFor}
        .roles=${this.roles}
        .grants=${this.grants.filter((g) => g.subject.kind === 'user' && g.subject.id === this.accessFor?.id)}
        .explanation=${this.accessFor ? this.explanations.get(this.accessFor.id) ?? null : null}
        .numbers=${this.numbers}
        ?may-grant=${this.holds('host:grants.write') && this.accessFor !== null && !this.isMe(this.accessFor)}
        @orders-changed=${this.load}
        @orders-close=${() => (this.accessFor = null)}
      ></orders-access-dialog>`;
  }

  private rolesOf(user: DirectoryUser) {
    const mine = this.grants.filter((g) => g.subject.kind === 'user' && g.subject.id === user.id);
    if (!mine.length) return html`<orders-aside>No access</orders-aside>`;
    return html`${mine.map((g) => html`<div>${this.roleName(g.roleId)} <orders-aside>${describeScope(g.scope)}</orders-aside></div>`)}`;
  }

  private roleName(roleId: string): string {
    return this.roles.find((r) => r.id === roleId)?.name ?? roleId;
  }

  private actions(user: DirectoryUser) {
    if (this.isMe(user)) return html`<orders-aside>Your own account is managed by the administrators above you.</orders-aside>`;
    const mayWrite = this.holds('host:users.write');
    return html`<div>
      <sb-button label="Access of ${user.name}" @click=${() => (this.accessFor = user)}>Access…</sb-button>
      ${mayWrite && user.status === 'invited' ? html`<sb-button label="New invitation link for ${user.name}" @click=${() => this.invite(user)}>Invitation link</sb-button>` : nothing}
      ${mayWrite && user.status !== 'invited'
        ? html`<sb-button label="${user.status === 'disabled' ? 'Enable' : 'Disable'} ${user.name}" @click=${() => this.setStatus(user, user.status === 'disabled' ? 'active' : 'disabled')}
            >${user.status === 'disabled' ? 'Enable' : 'Disable'}</sb-button
          >`
        : nothing}
      ${mayWrite && user.status === 'active' ? html`<sb-button label="Reset the second factor of ${user.name}" @click=${() => (this.resetting = user)}>Reset second factor</sb-button>` : nothing}
    </div>`;
  }

  private inviteDialog() {
    return html`<sb-dialog label="Invite a user" ?open=${this.inviting} @sb-close=${() => (this.inviting = false)}>
      <form novalidate @submit=${this.onInvite}>
        <sb-field name="name" label="Name" required maxlength="200" autofocus></sb-field>
        <sb-field name="login" label="Login" required maxlength="128" hint="What they sign in with; their email address is a good one." autocomplete="off"></sb-field>
        <sb-field name="email" label="Email" type="email" required maxlength="254"></sb-field>
        ${this.holds('host:grants.write') ? html`<orders-grant-fields optional .roles=${this.roles} .numbers=${this.numbers}></orders-grant-fields>` : nothing}
        ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
        <div class="actions">
          <sb-button @click=${() => (this.inviting = false)}>Cancel</sb-button>
          <sb-button type="submit" variant="primary" ?busy=${this.saving}>Invite</sb-button>
        </div>
      </form>
    </sb-dialog>`;
  }

  private linkDialog() {
    const link = this.link;
    return html`<sb-dialog label="Invitation link" ?open=${link !== null} @sb-close=${() => (this.link = null)}>
      ${link
        ? html`<p>Give this link to <strong>${link.user.name}</strong> only. With it they choose a password and set up their second factor. It works once, and it is not shown again: a new link cancels this one.</p>
            <div class="copy-row">
              <input id="invitation-link" readonly aria-label="Invitation link for ${link.user.name}" .value=${link.url} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
              <sb-button variant="primary" @click=${this.copyLink}>Copy</sb-button>
            </div>
            <div class="actions"><sb-button @click=${() => (this.link = null)}>Done</sb-button></div>`
        : nothing}
    </sb-dialog>`;
  }

  private resetDialog() {
    const user = this.resetting;
    return html`<sb-dialog label="Reset the second factor" ?open=${user !== null} @sb-close=${() => (this.resetting = null)}>
      ${user
        ? html`<p>
              <strong>${user.name}</strong>'s authenticator app and recovery codes stop working. They set up a new one the next time they sign in. Do this only when you are sure
              it is them asking.
            </p>
            <div class="actions">
              <sb-button @click=${() => (this.resetting = null)}>Keep it</sb-button>
              <sb-button variant="danger" ?busy=${this.saving} @click=${() => this.resetSecondFactor(user)}>Reset</sb-button>
            </div>`
        : nothing}
    </sb-dialog>`;
  }

  private readonly openInvite = () => {
    const form = this.renderRoot.querySelector<HTMLFormElement>('sb-dialog form');
    form?.reset();
    if (form) clearFieldErrors(form);
    this.renderRoot.querySelector<OrdersGrantFields>('orders-grant-fields')?.reset();
    this.formError = '';
    this.inviting = true;
  };

  private readonly onInvite = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    this.formError = '';
    if (this.saving || !validateFields(form)) return;
    const { name, login, email } = fieldValues(form);
    const grant = form.querySelector<OrdersGrantFields>('orders-grant-fields')?.value;
    this.saving = true;
    let user: DirectoryUser | null = null;
    try {
      user = await this.shell!.api.post<DirectoryUser>(`${HOST}/users`, { tenantId: this.me!.tenantId, name, login, email });
      if (grant?.roleId) await this.shell!.api.post(`${HOST}/grants`, { subject: { kind: 'user', id: user.id }, roleId: grant.roleId, scope: grant.scope });
      this.inviting = false;
      await this.invite(user);
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      const unshown = showFieldErrors(form, error.fields);
      const what = user ? `${user.name} was added, but the role was not given: ` : '';
      if (!error.fields.length || unshown.length) this.formError = `${what}${[error.message, ...unshown.map((f) => `${f.message}.`)].join(' ')}`;
      if (user) void this.load();
    } finally {
      this.saving = false;
    }
  };

  /** Issues a new invitation link and shows it, once. */
  private async invite(user: DirectoryUser) {
    try {
      const answer = await this.shell!.api.post<{ path: string }>(`${HOST}/users/${user.id}/invitation`, {});
      this.link = { user, url: new URL(answer.path, location.origin).href };
      await this.load();
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.shell!.toast(error.message, 'error');
    }
  }

  private readonly copyLink = async () => {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#invitation-link');
    try {
      await navigator.clipboard.writeText(this.link!.url);
      this.shell!.toast('The link is copied.', 'success');
    } catch {
      // No clipboard (an insecure context, a refusal): the link is selected for copying by hand.
      input?.focus();
      this.shell!.toast('Copy the selected link with your keyboard or menu.', 'info');
    }
  };

  private async setStatus(user: DirectoryUser, status: 'active' | 'disabled') {
    try {
      await this.shell!.api.put(`${HOST}/users/${user.id}/status`, { status });
      this.shell!.toast(status === 'disabled' ? `${user.name} can no longer sign in or act.` : `${user.name} is enabled again.`, 'success');
      await this.load();
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.shell!.toast(error.message, 'error');
    }
  }

  private async resetSecondFactor(user: DirectoryUser) {
    this.saving = true;
    try {
      await this.shell!.api.delete(`${HOST}/users/${user.id}/second-factor`);
      this.resetting = null;
      this.shell!.toast(`${user.name} sets up a new second factor at their next sign-in.`, 'success');
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      this.shell!.toast(error.message, 'error');
    } finally {
      this.saving = false;
    }
  }
}

defineElement('orders-users-page', OrdersUsersPage);
