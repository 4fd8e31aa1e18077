import { send, type TestResponse } from './http.js';

/**
 * A browser without a browser: keeps cookies per host the way a browser does (honouring Max-Age=0
 * removals), follows redirects on request, and posts forms. Enough to walk the sign-in pages from a
 * test without Chromium.
 */
export class WebClient {
  private readonly jar = new Map<string, string>();

  constructor(
    readonly origin: string,
    private readonly ca: string,
  ) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string | undefined): void {
    if (value === undefined) this.jar.delete(name);
    else this.jar.set(name, value);
  }

  async request(method: string, path: string, options: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let rawBody: string | undefined;
    if (options.form) {
      rawBody = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin ??= this.origin;
    }
    const res = await send(this.origin, method, path, { ca: this.ca, headers, rawBody, body: options.json });
    for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** GET, following redirects within this origin until an answer that is not one. */
  async follow(path: string, limit = 10): Promise<TestResponse & { path: string }> {
    let current = path;
    for (let i = 0; i < limit; i++) {
      const res = await this.request('GET', current);
      const location = res.headers.location;
      if (res.status < 300 || res.status >= 400 || !location) return { ...res, path: current };
      const next = new URL(location, `${this.origin}${current}`);
      if (next.origin !== this.origin) return { ...res, path: current };
      current = `${next.pathname}${next.search}`;
    }
    throw new Error(`more than ${limit} redirects from ${path}`);
  }

  /** Posts a form and follows where it sends the browser. */
  async submit(path: string, form: Record<string, string>): Promise<TestResponse & { path: string }> {
    const res = await this.request('POST', path, { form });
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, `${this.origin}${path}`);
      return this.follow(`${next.pathname}${next.search}`);
    }
    return { ...res, path };
  }
}

/** The action of the first form on an HTML page, and its hidden fields. */
export function formOf(html: string): { action: string; hidden: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the page:\n${html.slice(0, 2000)}`);
  const hidden: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) hidden[m[1]!] = m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return { action: action.replace(/&amp;/g, '&'), hidden };
}
