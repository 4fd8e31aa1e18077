import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Theme } from './theme.js';
import { themeCss } from './theme.js';
import { ThemeError, validateTheme } from './validate.js';

/**
 * Every brand the host serves, read once at start from `themes/<id>/theme.json` folders.
 * Dropping a folder in and restarting is all a reseller needs; anything wrong stops the start
 * with a message naming the file, rather than serving a half-branded portal.
 */
export class ThemeRegistry {
  private readonly byId: ReadonlyMap<string, Theme>;
  private readonly byHost: ReadonlyMap<string, Theme>;
  private readonly byTenant: ReadonlyMap<string, Theme>;
  private readonly fallback: Theme;

  private constructor(themes: Theme[], defaultId: string) {
    this.byId = new Map(themes.map((t) => [t.id, t]));
    this.byHost = new Map(themes.flatMap((t) => t.hosts.map((h) => [h, t] as const)));
    this.byTenant = new Map(themes.filter((t) => t.tenant).map((t) => [t.tenant!, t] as const));
    this.fallback = this.byId.get(defaultId)!;
  }

  /** Reads every subfolder of `dirs` that holds a theme.json. `defaultId` must be among them. */
  static async load(dirs: string[], defaultId: string): Promise<ThemeRegistry> {
    const found: { manifest: ReturnType<typeof validateTheme>; dir: string; file: string }[] = [];
    for (const root of dirs.map((d) => path.resolve(d))) {
      for (const dir of await themeFolders(root)) {
        const file = path.join(dir, 'theme.json');
        const manifest = validateTheme(await readJson(file), file);
        for (const asset of [manifest.logo, manifest.favicon]) await mustExist(path.join(dir, asset), file);
        found.push({ manifest, dir, file });
      }
    }
    refuseClashes(found);
    const base = found.find((f) => f.manifest.id === defaultId);
    if (!base) {
      const ids = found.map((f) => f.manifest.id).join(', ') || 'none';
      throw new ThemeError(`The default theme "${defaultId}" was not found in ${dirs.join(', ')} (themes found: ${ids}).`);
    }
    const themes = found.map(({ manifest, dir, file }): Theme => ({
      ...manifest,
      dir,
      file,
      css: themeCss(manifest.tokens, manifest.id === defaultId ? {} : base.manifest.tokens),
    }));
    return new ThemeRegistry(themes, defaultId);
  }

  /**
   * The brand for a request: the theme serving that host name (from the Host header, without
   * port, any case), else the theme of the caller's tenant, else the default. `tenant` is the
   * caller's tenant id, or its path up the tenant tree, nearest first (customer, reseller, ...),
   * so a reseller's customers see the reseller's brand wherever they sign in.
   */
  resolve(hostname: string, tenant?: string | readonly string[] | null): Theme {
    const byHost = this.byHost.get(normalizeHost(hostname));
    if (byHost) return byHost;
    const path = tenant == null ? [] : typeof tenant === 'string' ? [tenant] : tenant;
    for (const id of path) {
      const theme = this.byTenant.get(id);
      if (theme) return theme;
    }
    return this.fallback;
  }

  get(id: string): Theme | undefined {
    return this.byId.get(id);
  }

  get default(): Theme {
    return this.fallback;
  }

  list(): Theme[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** `Portal.Example.NET.` and `portal.example.net:8443` are the same host as `portal.example.net`. */
export function normalizeHost(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1); // IPv6 literal
  const colon = host.indexOf(':');
  if (colon !== -1) host = host.slice(0, colon);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

async function themeFolders(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    throw new ThemeError(`Cannot read the themes folder ${root}: ${(error as Error).message}`);
  }
  const dirs: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(root, entry.name);
    // Folders without a theme.json (a README, work in progress) are not themes.
    if ((entry.isDirectory() || entry.isSymbolicLink()) && (await isFile(path.join(dir, 'theme.json')))) dirs.push(dir);
  }
  return dirs;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ThemeError(`Invalid theme ${file}: ${(error as Error).message}`);
  }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

async function mustExist(asset: string, file: string): Promise<void> {
  if (!(await isFile(asset))) throw new ThemeError(`Invalid theme ${file}: the file ${path.basename(asset)} is missing from ${path.dirname(asset)}.`);
}

/** Two themes may not share an id, a host name or a tenant: which one would win is a guess. */
function refuseClashes(found: { manifest: { id: string; hosts: string[]; tenant?: string }; file: string }[]): void {
  const claims = new Map<string, string>();
  for (const { manifest, file } of found) {
    const keys = [
      [`id:${manifest.id}`, `the theme id "${manifest.id}"`],
      ...manifest.hosts.map((h) => [`host:${normalizeHost(h)}`, `the host name "${h}"`]),
      ...(manifest.tenant ? [[`tenant:${manifest.tenant}`, `the tenant "${manifest.tenant}"`]] : []),
    ];
    for (const [key, what] of keys) {
      const other = claims.get(key!);
      if (other) throw new ThemeError(`Themes ${other} and ${file} both claim ${what}; each may belong to one theme only.`);
      claims.set(key!, file);
    }
  }
}
