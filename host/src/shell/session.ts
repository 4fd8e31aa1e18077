import type { BrandSummary, IdentitySummary } from '@switchboard/sdk/web';

/** One navigation entry the caller may see; `href` is the shell route (`#/notes`). */
export interface SessionMenuEntry {
  plugin: string;
  label: string;
  href: string;
  order: number;
}

/**
 * GET /api/shell/session: all the shell needs to draw itself for this caller. Menus were filtered
 * by entitlement on the server, so a plugin the caller may not use is never even downloaded.
 */
export interface SessionResponse {
  brand: BrandSummary;
  user: IdentitySummary | null;
  menu: SessionMenuEntry[];
  /** Plugin id -> URL of its web module, only for plugins with a visible menu entry. */
  modules: Record<string, string>;
  /** Plugin id -> title, for the same plugins: the heading of pages that have no menu entry. */
  titles: Record<string, string>;
  /** The session's anti-forgery token for requests that change something; null when signed out. */
  csrfToken: string | null;
}

/** Where the shell asks for its session (served by host/src/web/routes.ts). */
export const SESSION_PATH = '/api/shell/session';
