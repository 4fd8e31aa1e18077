import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Koa from 'koa';
import type { Identity } from '@switchboard/sdk';
import type { Theme, ThemeRegistry } from '../themes/index.js';
import { assetServer, contentType } from './assets.js';
import { buildManifestReader } from './build-manifest.js';
import { indexHtml } from './html.js';
import { sessionFor, type ShellPlugin } from './session.js';

export type { ShellPlugin } from './session.js';

export interface ShellOptions {
  themes: ThemeRegistry;
  /** The folder buildWebAssets wrote. */
  assetsDir: string;
  /** The plugins running now (asked per request, so the menu follows plugins that stop or fail). */
  plugins: () => ShellPlugin[];
  /** Who is calling, or null; used for the menu and for the tenant's brand. */
  identify: (ctx: Koa.Context) => Promise<Identity | null>;
  /** The anti-forgery token of the request's browser session, when it has one. */
  csrfToken?: (ctx: Koa.Context) => Promise<string | null>;
  /** The name of a tenant, for the header ("Acme Logistics" rather than "acme"). */
  tenantName?: (tenantId: string) => Promise<string | null>;
}

/**
 * The browser side of the host: the shell's page for every brand, its assets, the brand's
 * stylesheet and images, and GET /api/shell/session. Anything else passes on; a GET that nothing
 * else answered and that does not name a file gets the shell's page, so reloading any address works.
 */
export function shellMiddleware(options: ShellOptions): Koa.Middleware {
  const { themes, identify } = options;
  const serveAsset = assetServer(options.assetsDir);
  const readBuild = buildManifestReader(options.assetsDir);
  const themeFiles = new Map<string, Promise<Buffer>>();

  // The brand for this request. An invalid credential must not break the page itself: the page
  // then shows the host's brand, and the API says what was wrong with the credential.
  async function themeOf(ctx: Koa.Context): Promise<{ theme: Theme; identity: Identity | null }> {
    const identity = await identify(ctx).catch(() => null);
    return { theme: themes.resolve(ctx.hostname, identity?.tenantId), identity };
  }

  function themeFile(theme: Theme, name: string): Promise<Buffer> {
    const file = path.join(theme.dir, name);
    let content = themeFiles.get(file);
    if (!content) themeFiles.set(file, (content = readFile(file)));
    return content;
  }

  /** A small per-brand answer: revalidated with its ETag, never shared between users' caches. */
  function sendRevalidated(ctx: Koa.Context, type: string, body: string | Buffer) {
    ctx.status = 200;
    ctx.type = type;
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = body;
  }

  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const p = ctx.path;

    if (p === '/api/shell/session') {
      // Unlike the page, the session is an API answer: a bad credential is the caller's error (401).
      const identity = await identify(ctx);
      const build = await readBuild();
      const theme = themes.resolve(ctx.hostname, identity?.tenantId);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = sessionFor(
        identity,
        theme,
        options.plugins(),
        build?.modules ?? {},
        identity && options.csrfToken ? await options.csrfToken(ctx) : null,
        identity && options.tenantName ? await options.tenantName(identity.tenantId) : null,
      );
      return;
    }
    if (p.startsWith('/api/')) return next();

    if (p.startsWith('/assets/')) {
      if (!(await serveAsset(ctx, p.slice('/assets/'.length)))) {
        ctx.status = 404;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'Not found.';
      }
      return;
    }
    if (p === '/theme.css') {
      const { theme } = await themeOf(ctx);
      return sendRevalidated(ctx, 'text/css; charset=utf-8', theme.css);
    }
    if (p === '/theme/logo' || p === '/theme/favicon' || p === '/favicon.ico') {
      const { theme } = await themeOf(ctx);
      const file = p === '/theme/logo' ? theme.logo : theme.favicon;
      return sendRevalidated(ctx, contentType(file), await themeFile(theme, file));
    }

    await next();
    if (ctx.body != null || ctx.status !== 404) return;
    // Addresses of files (robots.txt, a stale chunk) get a plain 404, not a page.
    if (path.posix.extname(p)) return;
    const build = await readBuild();
    if (!build) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'The portal’s web assets have not been built yet. Run the build (npm run build) and restart.';
      return;
    }
    const { theme } = await themeOf(ctx);
    sendRevalidated(ctx, 'text/html; charset=utf-8', indexHtml(theme, build));
  };
}
