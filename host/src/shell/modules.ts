import type { WebModule } from '@switchboard/sdk/web';

const loaded = new Map<string, Promise<WebModule>>();
let attempt = 0;

/**
 * A plugin's web module, imported the first time one of its pages opens. A failed import is
 * forgotten so "Try again" fetches it anew; the retry gets a fresh URL because the browser keeps
 * a failed module URL failed.
 */
export function loadModule(url: string): Promise<WebModule> {
  let module = loaded.get(url);
  if (!module) {
    const target = attempt ? `${url}?attempt=${attempt}` : url;
    module = import(/* @vite-ignore */ target).then((m: { default?: WebModule }) => {
      if (!m.default || typeof m.default.pages !== 'object') throw new Error(`${url} does not export a web module (default export { pages }).`);
      return m.default;
    });
    module.catch(() => {
      loaded.delete(url);
      attempt++;
    });
    loaded.set(url, module);
  }
  return module;
}
