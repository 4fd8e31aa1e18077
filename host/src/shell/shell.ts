import { LitElement, html, nothing } from 'lit';
import { ApiClient, ApiClientError, baseStyles, type ShellPage, type ShellServices, type ToastKind } from '@switchboard/sdk/web';
import type { SbToast, ShellNotification } from '@switchboard/sdk/web';
import { isEntitled } from '@switchboard/sdk';
import { loadModule } from './modules.js';
import { NotificationFeed, type FeedEntry } from './notification-feed.js';
import { followNotifications } from './notification-source.js';
import { entryKey, notificationsView } from './notifications-view.js';
import { hrefFor, matchPage, parseRoute, routeHref, type Route } from './router.js';
import { SESSION_PATH, type SessionResponse } from './session.js';
import { shellStyles } from './styles.js';
import { footerView, homeView, signedOutView, signInHref, unavailableView } from './views.js';

type Page =
  | { state: 'loading' }
  | { state: 'home' }
  | { state: 'signed-out' }
  | { state: 'unavailable' }
  | { state: 'ready'; element: ShellPage }
  | { state: 'failed'; message: string };

/**
 * The backplane: the brand's frame around whatever page is open. It asks the host for the session
 * (brand, user, the menu the user is entitled to, the modules behind it), routes on the URL hash,
 * and imports a plugin's module only when one of its pages is opened.
 */
export class SbShell extends LitElement {
  static override properties = {
    brandName: { attribute: 'brand-name' },
    productName: { attribute: 'product-name' },
    session: { state: true },
    sessionError: { state: true },
    route: { state: true },
    page: { state: true },
    navOpen: { state: true },
    notifications: { state: true },
    notificationsOpen: { state: true },
  };

  /** From the page's HTML, so the brand shows before the session arrives. */
  brandName = '';
  productName = '';
  protected session: SessionResponse | null = null;
  protected sessionError: ApiClientError | null = null;
  protected route: Route = parseRoute(location.hash);
  protected page: Page = { state: 'loading' };
  protected navOpen = false;
  protected notifications: { entries: FeedEntry[]; unread: number; fresh: ReadonlySet<string> } = { entries: [], unread: 0, fresh: new Set() };
  protected notificationsOpen = false;

  static override styles = [baseStyles, shellStyles];

  /** For plugins: 401 on any call means the session ended, so the shell shows the signed-out state. */
  private readonly api = new ApiClient({ onUnauthenticated: () => void this.loadSession() });
  private readonly sessionApi = new ApiClient();
  private services: ShellServices | null = null;
  private navigation = 0;
  private moveFocus = false;
  private feed = new NotificationFeed();
  /** Whose notifications are being watched (tenant and name), and how to stop each plugin's source. */
  private watching: { user: string | null; stops: (() => void)[] } = { user: null, stops: [] };
  private readonly onHashChange = () => {
    this.route = parseRoute(location.hash);
    this.navOpen = false;
    this.notificationsOpen = false;
    this.moveFocus = true;
    void this.openPage();
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    void this.loadSession();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.watchNotifications(null);
  }

  private async loadSession() {
    try {
      this.session = await this.sessionApi.get<SessionResponse>(SESSION_PATH);
      this.api.csrfToken = this.sessionApi.csrfToken = this.session.csrfToken;
      this.sessionError = null;
      this.services = this.servicesFor(this.session);
      this.watchNotifications(this.session);
    } catch (error) {
      this.session = null;
      this.sessionError = error instanceof ApiClientError ? error : new ApiClientError(0, 'unexpected', String(error));
      return;
    }
    await this.openPage();
  }

  private servicesFor(session: SessionResponse): ShellServices {
    return {
      api: this.api,
      toast: (message: string, kind?: ToastKind) => this.toast(message, kind),
      navigate: (path: string) => {
        location.hash = hrefFor(path);
      },
      identity: session.user,
      brand: session.brand,
      can: (entitlement: string, resource?: string) => isEntitled(session.user, entitlement, resource),
    };
  }

  /**
   * Follows the notifications of the plugins the user's menu offers, once per signed-in user (over
   * HTTP: no plugin module loads for it); stops when the user changes or signs out.
   */
  private watchNotifications(session: SessionResponse | null) {
    const user = session?.user ? `${session.user.tenantId}/${session.user.name}` : null;
    if (user === this.watching.user) return;
    for (const stop of this.watching.stops) stop();
    const watching = { user, stops: [] as (() => void)[] };
    this.watching = watching;
    this.feed = new NotificationFeed(user ? readSeen(user) : null);
    this.notificationsOpen = false;
    this.showNotifications();
    if (!session?.user) return;
    for (const plugin of Object.keys(session.modules)) {
      watching.stops.push(followNotifications(this.api, plugin, (items) => this.notified(plugin, items)));
    }
  }

  private notified(plugin: string, items: readonly ShellNotification[]) {
    const arrived = this.feed.update(plugin, items);
    this.showNotifications();
    // Told as they come, in the shell's live region, a few at a time; the list has them all.
    for (const entry of arrived.slice(0, 3)) this.toast(entry.detail ? `${entry.title} (${entry.detail})` : entry.title, 'info');
  }

  private showNotifications(fresh: ReadonlySet<string> = this.notifications.fresh) {
    this.notifications = { entries: this.feed.entries, unread: this.feed.unread, fresh };
  }

  private readonly toggleNotifications = () => {
    if (this.notificationsOpen) return this.closeNotifications();
    // What was unread stays marked as new while the list is open; opening it reads it all.
    const fresh = new Set(this.feed.entries.filter((entry) => this.feed.isUnread(entry)).map(entryKey));
    const seen = this.feed.markSeen();
    if (seen && this.watching.user) writeSeen(this.watching.user, seen);
    this.notificationsOpen = true;
    this.showNotifications(fresh);
  };

  private readonly followNotification = (event: Event, path: string) => {
    this.notificationsOpen = false;
    this.showNotifications(new Set());
    if (hrefFor(path) !== location.hash) return; // the link changes the hash; onHashChange opens it
    // Already there: the link would change nothing, yet the page shows what the notification is about.
    event.preventDefault();
    this.moveFocus = true;
    void this.openPage();
  };

  private readonly closeNotifications = () => {
    this.notificationsOpen = false;
    this.showNotifications(new Set());
    this.renderRoot.querySelector<HTMLElement>('.bell')?.focus();
  };

  toast(message: string, kind: ToastKind = 'info') {
    this.renderRoot.querySelector<SbToast>('sb-toast')?.show(message, kind);
  }

  /** Shows the page of the current route; a newer navigation wins over a slower older one. */
  private async openPage() {
    const session = this.session;
    if (!session) return;
    const route = this.route;
    const ticket = ++this.navigation;
    if (route.kind === 'home') return this.show(session.user ? { state: 'home' } : { state: 'signed-out' });
    const url = session.modules[route.plugin];
    if (!url) return this.show(session.user ? { state: 'unavailable' } : { state: 'signed-out' });

    this.page = { state: 'loading' };
    try {
      const module = await loadModule(url);
      if (ticket !== this.navigation) return;
      const match = matchPage(module.pages, route.path);
      if (!match) return this.show({ state: 'unavailable' });
      if (!customElements.get(match.tag)) throw new Error(`The module does not define <${match.tag}>.`);
      const element = document.createElement(match.tag) as ShellPage;
      element.shell = this.services!;
      element.rest = match.rest;
      this.show({ state: 'ready', element });
    } catch (error) {
      if (ticket !== this.navigation) return;
      console.error(`Loading the ${route.plugin} module failed`, error);
      this.show({ state: 'failed', message: `The ${this.routeTitle(session)} page could not be loaded. Check your connection and try again.` });
    }
  }

  private async show(page: Page) {
    this.page = page;
    document.title = `${this.pageTitle()} · ${this.brand.productName}`;
    if (!this.moveFocus) return;
    this.moveFocus = false;
    await this.updateComplete;
    this.heading?.focus();
  }

  private get brand() {
    return this.session?.brand ?? { id: '', brandName: this.brandName, productName: this.productName, support: {} };
  }

  private get heading(): HTMLElement | null {
    return this.renderRoot.querySelector('h1');
  }

  /** The heading of the open page. */
  private pageTitle(): string {
    const session = this.session;
    if (this.sessionError) return 'The portal could not start';
    if (!session) return this.brand.productName;
    if (this.page.state === 'signed-out') return 'You are not signed in';
    if (this.page.state === 'unavailable') return 'Page not available';
    if (this.route.kind === 'home') return session.user ? `Welcome, ${session.user.name}` : this.brand.productName;
    return this.routeTitle(session);
  }

  /** A plugin page's name: the label of its menu entry (or of the entry it is under), else its plugin's title. */
  private routeTitle(session: SessionResponse): string {
    if (this.route.kind !== 'plugin') return this.brand.productName;
    const href = activeEntry(routeHref(this.route), session.menu.map((m) => m.href));
    const entry = session.menu.find((m) => m.href === href);
    return entry?.label ?? session.titles[this.route.plugin] ?? this.route.plugin;
  }

  override render() {
    const brand = this.brand;
    const signedIn = Boolean(this.session?.user);
    return html`
      <button class="skip" type="button" @click=${() => this.heading?.focus()}>Skip to main content</button>
      <div class="frame ${signedIn ? '' : 'signed-out'}">
        <header>
          <a class="brand" href="#/" aria-label="${brand.productName}, start page">
            <img src="/theme/logo" alt=${brand.brandName} />
            <span class="product">${brand.productName}</span>
          </a>
          ${signedIn
            ? html`<button
                class="menu-toggle"
                type="button"
                aria-expanded=${this.navOpen ? 'true' : 'false'}
                aria-controls="nav"
                @click=${() => (this.navOpen = !this.navOpen)}
              >
                Menu
              </button>`
            : nothing}
          ${signedIn
            ? notificationsView({ ...this.notifications, open: this.notificationsOpen, toggle: this.toggleNotifications, close: this.closeNotifications, follow: this.followNotification })
            : nothing}
          <p class="user">${this.userView()}</p>
        </header>
        ${signedIn ? this.navView() : nothing}
        <main id="main" aria-labelledby="page-title" aria-busy=${this.page.state === 'loading' && !this.sessionError ? 'true' : 'false'}>
          <h1 id="page-title" tabindex="-1">${this.pageTitle()}</h1>
          ${this.contentView()}
        </main>
        <footer>${footerView(brand)}</footer>
      </div>
      <sb-toast></sb-toast>
    `;
  }

  private userView() {
    if (!this.session) return nothing;
    const user = this.session.user;
    if (!user) return html`<a class="sign-in" href=${signInHref()}>Sign in</a>`;
    return html`<span class="visually-hidden">Signed in as </span>${user.name}<span class="tenant">${user.tenantName}</span>
      <button class="sign-out" type="button" @click=${this.signOut}>Sign out</button>`;
  }

  private readonly signOut = async () => {
    try {
      await this.sessionApi.post('/auth/logout');
    } catch (error) {
      // A 401 means the session had already ended: signed out either way.
      if (!(error instanceof ApiClientError) || error.status !== 401) return this.toast('Signing out did not work; try again.', 'error');
    }
    location.hash = '#/';
    await this.loadSession();
  };

  private navView() {
    const entries = [{ href: '#/', label: 'Start' }, ...(this.session?.menu ?? [])];
    const active = activeEntry(routeHref(this.route), entries.map((e) => e.href));
    return html`<nav id="nav" class=${this.navOpen ? 'open' : ''} aria-label="Main">
      <ul>
        ${entries.map(
          (e) => html`<li>
            <a href=${e.href} aria-current=${e.href === active ? 'page' : 'false'}
              >${e.label}</a
            >
          </li>`,
        )}
      </ul>
    </nav>`;
  }

  private contentView() {
    if (this.sessionError) {
      return html`<sb-error-state
        heading="The portal could not load your session"
        message=${this.sessionError.message}
        retryable
        @sb-retry=${() => {
          this.sessionError = null;
          void this.loadSession();
        }}
      ></sb-error-state>`;
    }
    const page = this.page;
    switch (page.state) {
      case 'loading':
        return html`<p role="status">Loading…</p>`;
      case 'home':
        return homeView(this.session!);
      case 'signed-out':
        return signedOutView(this.brand);
      case 'unavailable':
        return unavailableView();
      case 'failed':
        return html`<sb-error-state heading="This page could not be loaded" message=${page.message} retryable @sb-retry=${() => void this.openPage()}></sb-error-state>`;
      case 'ready':
        return page.element;
    }
  }
}

/**
 * The menu entry of the open page: the one naming it, else the one naming the longest start of it,
 * so `#/orders/users` is under "Users and roles" (`#/orders/users`), not also under `#/orders`.
 */
function activeEntry(current: string, hrefs: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const href of hrefs) {
    const covers = href === current || (href !== '#/' && current.startsWith(`${href}/`));
    if (covers && (!best || href.length > best.length)) best = href;
  }
  return best;
}

/** Where the browser keeps when a user last opened their notifications: per user, on this browser only. */
const seenKey = (user: string) => `switchboard.notifications.seen:${user}`;

function readSeen(user: string): string | null {
  try {
    return localStorage.getItem(seenKey(user));
  } catch {
    return null; // storage switched off: everything counts as unread each time
  }
}

function writeSeen(user: string, at: string) {
  try {
    localStorage.setItem(seenKey(user), at);
  } catch {
    // storage switched off or full: the mark lasts until the page is reloaded
  }
}

customElements.define('sb-shell', SbShell);

declare global {
  interface HTMLElementTagNameMap {
    'sb-shell': SbShell;
  }
}
