import type { ApiClient } from './api-client.js';

/**
 * The web-plugin contract. A plugin's web entry (manifest `web`) default-exports a WebModule:
 * page path under the plugin ('' is its main page, 'plans/edit' opens at `#/<plugin>/plans/edit`)
 * -> the tag of a custom element the module defines. The shell creates that element when the page
 * is opened and hands it the ShellServices in its `shell` property.
 *
 * The shell owns the page's <h1> (the menu label, or the plugin's title) and moves focus to it on
 * navigation, so plugin pages start their own headings at <h2>.
 */
export interface WebModule {
  pages: Record<string, string>;
}

/**
 * Notifications in the shell: a plugin that tells users of things (an order moved on, an alarm
 * raised) answers, for the caller, `GET /api/<plugin>/notifications?limit=` with
 * `{ items: ShellNotification[] }`, newest first, in the caller's own terms; and it may stream
 * `GET /api/<plugin>/notifications/live`, Server-Sent Events named `changed` whenever that list
 * changed (their data is not read). The shell asks every plugin the user's menu offers, once the user
 * has signed in, and reads a plugin's list again on each event and each reconnection. Plain HTTP
 * rather than module code, so a plugin's web module still loads only when one of its pages opens;
 * a plugin without the route answers 404 and is not asked again until the next sign-in.
 */
export const NOTIFICATIONS_ROUTE = 'notifications';
export const NOTIFICATIONS_LIVE_ROUTE = 'notifications/live';
export const NOTIFICATIONS_CHANGED_EVENT = 'changed';

/** One thing the user is told of, in the shell's notification list. */
export interface ShellNotification {
  /** Stable and unique within the plugin: the shell tells a new notification from one it has shown. */
  id: string;
  /** ISO 8601, when it happened. The list is newest first; what came after the user last opened it is unread. */
  at: string;
  /** What happened, in one line. */
  title: string;
  /** A second line: who, and why. */
  detail?: string;
  /** The shell path that shows more (`orders/my-orders/ord_1`), without `#/`. */
  path?: string;
}

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface BrandSummary {
  id: string;
  brandName: string;
  productName: string;
  support: { email?: string; phone?: string; url?: string };
}

export interface IdentitySummary {
  name: string;
  tenantId: string;
  /** The account's name as people know it ("Acme Logistics"); the id when it has none. */
  tenantName: string;
  /** The caller's grants for the plugins the shell shows them (qualified name -> '*' or resource ids). */
  grants: Record<string, '*' | readonly string[]>;
}

/** What the shell gives every plugin page. */
export interface ShellServices {
  /** Calls the host's /api with the user's session; errors arrive as ApiClientError. */
  api: ApiClient;
  /** A short message in the shell's live region; errors stay until dismissed. */
  toast(message: string, kind?: ToastKind): void;
  /** Opens a shell path such as `notes` or `notes/n-1` (the `#/` is added). */
  navigate(path: string): void;
  /** The signed-in user, or null when nobody is signed in. */
  identity: IdentitySummary | null;
  brand: BrandSummary;
  /**
   * Whether the user holds an entitlement (`notes:notes.write`), for a resource when one is named:
   * for hiding what they cannot do. The server decides regardless.
   */
  can(entitlement: string, resource?: string): boolean;
}

/**
 * The element the shell creates for a page. `path` is what follows the matched page path, so one
 * element can serve `notes/<id>` when the module maps 'notes' (split on '/', empty when none).
 */
export interface ShellPage extends HTMLElement {
  shell?: ShellServices;
  rest?: string[];
}

/** Gives a web entry's default export its type: `export default defineWebModule({ pages: { '': 'notes-page' } })`. */
export const defineWebModule = (module: WebModule): WebModule => module;
