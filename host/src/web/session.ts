import type { Identity, MenuEntry, ResourceScope } from '@switchboard/sdk';
import { isEntitled } from '@switchboard/sdk';
import type { SessionMenuEntry, SessionResponse } from '../shell/session.js';
import type { Theme } from '../themes/index.js';

/** A plugin as the shell sees it: its menu (from the manifest) and its built web module. */
export interface ShellPlugin {
  id: string;
  title: string;
  menu: MenuEntry[];
  /** URL of the plugin's web module; when missing, the one the web build recorded is used. */
  moduleUrl?: string;
}

/** The caller's grants for the plugins shown to them, and nothing about the others. */
function grantsFor(identity: Identity, plugins: string[]): Record<string, ResourceScope> {
  return Object.fromEntries(Object.entries(identity.grants).filter(([name]) => plugins.includes(name.slice(0, name.indexOf(':')))));
}

/**
 * The session answer for a caller: the brand, who they are, and the menu entries whose
 * entitlement they hold. A plugin's module is offered only along with a visible entry.
 */
export function sessionFor(
  identity: Identity | null,
  theme: Theme,
  plugins: ShellPlugin[],
  builtModules: Record<string, string>,
  csrfToken: string | null = null,
  tenantName: string | null = null,
): SessionResponse {
  const menu: SessionMenuEntry[] = [];
  const modules: Record<string, string> = {};
  const titles: Record<string, string> = {};
  for (const plugin of plugins) {
    const visible = identity ? plugin.menu.filter((entry) => isEntitled(identity, `${plugin.id}:${entry.entitlement}`)) : [];
    const moduleUrl = plugin.moduleUrl ?? builtModules[plugin.id];
    if (!visible.length || !moduleUrl) continue;
    modules[plugin.id] = moduleUrl;
    titles[plugin.id] = plugin.title;
    for (const entry of visible) {
      menu.push({ plugin: plugin.id, label: entry.label, href: `#/${plugin.id}${entry.path ? `/${entry.path}` : ''}`, order: entry.order ?? 100 });
    }
  }
  menu.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
  return {
    brand: { id: theme.id, brandName: theme.brandName, productName: theme.productName, support: { ...theme.support } },
    user: identity
      ? { name: identity.name ?? identity.subject, tenantId: identity.tenantId, tenantName: tenantName ?? identity.tenantId, grants: grantsFor(identity, Object.keys(modules)) }
      : null,
    menu,
    modules,
    titles,
    csrfToken: identity ? csrfToken : null,
  };
}
