/**
 * Shell routes live in the URL's hash, `#/<plugin>/<page path>`: the server needs to know nothing
 * about them, and reloading or bookmarking any page just works.
 */
export type Route = { kind: 'home' } | { kind: 'plugin'; plugin: string; path: string[] };

export function parseRoute(hash: string): Route {
  const segments = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const [plugin, ...path] = segments;
  return plugin ? { kind: 'plugin', plugin, path } : { kind: 'home' };
}

/** `notes/n-1`, `/notes/n-1` or `#/notes/n-1` -> `#/notes/n-1`. */
export function hrefFor(path: string): string {
  return `#/${path.replace(/^[#/]+/, '')}`;
}

export function routeHref(route: Route): string {
  return route.kind === 'home' ? '#/' : hrefFor([route.plugin, ...route.path].map(encodeURIComponent).join('/'));
}

/**
 * The page of a module that serves a path: the longest page key whose segments start the path.
 * What follows is the page's `rest` (`notes/n-1` on a module mapping 'notes' -> rest ['n-1']).
 */
export function matchPage(pages: Record<string, string>, path: string[]): { tag: string; rest: string[] } | null {
  let best: { key: string[]; tag: string } | null = null;
  for (const [key, tag] of Object.entries(pages)) {
    const parts = key.split('/').filter(Boolean);
    if (parts.length > path.length || !parts.every((p, i) => p === path[i])) continue;
    if (!best || parts.length > best.key.length) best = { key: parts, tag };
  }
  return best ? { tag: best.tag, rest: path.slice(best.key.length) } : null;
}
