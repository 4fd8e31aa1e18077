import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type Koa from 'koa';
import type { Context } from 'koa';
import type { ConfigOverrides } from './config/types.js';
import { startCore, type Core } from './core.js';
import { OPERATOR } from './directory/index.js';
import { directLane } from './dispatcher/direct-lane.js';
import { readCookie, SESSION_COOKIE } from './identity/cookies.js';
import { identityRequest } from './identity/identity-request.js';
import { startIdentityMaintenance } from './identity/maintenance.js';
import { setupPorts, signInPorts } from './identity/sign-in-adapter.js';
import { tenantNames } from './identity/tenant-names.js';
import { KnexOidcAdapter } from './oidc/adapter.js';
import { bffRoutes } from './oidc/bff-routes.js';
import { interactionRoutes } from './oidc/interaction-routes.js';
import { Providers } from './oidc/provider.js';
import { setupRoutes } from './oidc/setup-routes.js';
import { loadAssertionKeys } from './remote/assertion-keys.js';
import { fetchRemoteRoutes, remoteInvoker } from './remote/remote-invoker.js';
import { createApp } from './server/app.js';
import { closeGracefully } from './server/graceful-close.js';
import { createRedirectServer } from './server/https-redirect.js';
import { RateLimiter } from './server/rate-limit.js';
import { loadTls, type TlsMaterial } from './server/tls.js';
import { ThemeRegistry } from './themes/index.js';
import { buildWebAssets, shellMiddleware, type ShellPlugin } from './web/index.js';
import { webBuildDir } from './web/build-dir.js';

export interface RunningHost extends Core {
  /** https://<host>:<port> of the portal. */
  url: string;
  port: number;
  /** The plain-HTTP port that redirects to HTTPS, when on. */
  httpPort: number | null;
  app: Koa;
  themes: ThemeRegistry;
  tls: TlsMaterial;
  /** JavaScript the first screen loads, gzipped. */
  firstScreenGzipBytes: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the portal: storage, bus, plugins (local and remote), themes, the shell's assets, and the
 * HTTPS server with its HTTP redirect. `stop()` finishes the requests in flight, then shuts down.
 */
export async function startHost(overrides: ConfigOverrides = {}, options: StartOptions = {}): Promise<RunningHost> {
  const core = await startCore({ overrides, env: options.env, role: 'host' });
  const { config, log, dispatcher, runtime } = core;
  try {
    await attachRemotePlugins(core);

    const themes = await ThemeRegistry.load(config.themes.dirs, config.themes.default);
    const visible = runtime.list().filter((s) => (s.state === 'running' || s.state === 'remote') && s.plugin);
    const webDir = await webBuildDir(config.dataDir);
    const web = await buildWebAssets({
      outDir: webDir,
      plugins: visible.filter((s) => s.plugin!.manifest.web).map((s) => ({ id: s.id, webEntry: join(s.plugin!.dir, s.plugin!.manifest.web!) })),
    });
    const shellPlugins: ShellPlugin[] = visible.map((s) => ({
      id: s.id,
      title: s.plugin!.manifest.title,
      menu: s.plugin!.manifest.menu ?? [],
      moduleUrl: web.modules[s.id],
    }));

    const { identity } = core;
    const loopback = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
    const publicName = config.server.publicHost?.split(':')[0];
    const providers = new Providers({
      knex: core.db.knex,
      keys: identity.keys,
      account: async (id) => {
        const user = await identity.directory.getUser(OPERATOR, id).catch(() => null);
        return user ? { id: user.id, name: user.name, email: user.email || null, tenantId: user.tenantId } : null;
      },
      isKnownHost: (name) => loopback.has(name) || name === publicName || themes.list().some((t) => t.hosts.includes(name)),
      sessionTtlSeconds: config.identity.session.absoluteHours * 3600,
      trustProxy: config.server.trustProxy,
    });
    const secrets = () => identity.keys.secrets;
    const stopMaintenance = startIdentityMaintenance(core.db, identity.throttle, log);

    let stopping = false;
    const rateLimiter = new RateLimiter(config.server.rateLimit);
    const app = createApp({
      log,
      trustProxy: config.server.trustProxy,
      corsOrigins: config.cors.origins,
      rateLimiter,
      isReady: async () => !stopping && (await core.db.knex.raw('select 1').then(() => true)),
      handlers: [
        providers.middleware(),
        bffRoutes({ providers, sessions: identity.sessions, codes: new KnexOidcAdapter(core.db.knex, 'AuthorizationCode'), secrets, log }),
        interactionRoutes({ providers, themes, ports: signInPorts(identity), secrets, log }),
        setupRoutes({ tokens: identity.setupTokens, themes, ports: setupPorts(identity) }),
        dispatcher.middleware(),
        shellMiddleware({
          themes,
          assetsDir: webDir,
          plugins: () => shellPlugins,
          identify: (ctx: Context) => identity.resolver.resolve(identityRequest(ctx)),
          tenantName: tenantNames(identity.directory),
          csrfToken: async (ctx: Context) => {
            const token = readCookie(ctx.headers.cookie, SESSION_COOKIE);
            return token ? ((await identity.sessions.find(token))?.csrfToken ?? null) : null;
          },
        }),
      ],
    });

    const tls = await loadTls(config);
    const listener = directLane({ dispatcher, log, trustProxy: config.server.trustProxy, rateLimiter, corsOrigins: config.cors.origins }, app.callback());
    const https: HttpsServer = createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, listener);
    await listen(https, config.server.httpsPort, config.server.host);
    const port = (https.address() as AddressInfo).port;
    let redirect: Server | null = null;
    if (config.server.httpPort !== null) {
      redirect = createRedirectServer(() => port, config.server.publicHost);
      await listen(redirect, config.server.httpPort, config.server.host);
    }
    const shownHost = config.server.publicHost ?? (['0.0.0.0', '::'].includes(config.server.host) ? 'localhost' : config.server.host);
    const url = config.server.publicHost ? `https://${config.server.publicHost}` : `https://${shownHost}:${port}`;
    log.info({ url, tls: tls.source, plugins: runtime.list().map((s) => `${s.id}:${s.state}`) }, 'portal listening');

    let stopped: Promise<void> | null = null;
    return {
      ...core,
      url,
      port,
      httpPort: redirect ? (redirect.address() as AddressInfo).port : null,
      app,
      themes,
      tls,
      firstScreenGzipBytes: web.firstScreenGzipBytes,
      stop() {
        stopped ??= (async () => {
          stopping = true;
          stopMaintenance();
          await Promise.all([closeGracefully(https, config.server.shutdownGraceMs), redirect ? closeGracefully(redirect, 0) : undefined]);
          await core.close();
          await rm(webDir, { recursive: true, force: true });
          log.info('portal stopped');
        })();
        return stopped;
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}

async function attachRemotePlugins(core: Core): Promise<void> {
  const remote = core.runtime.list().filter((s) => s.state === 'remote' && s.plugin);
  if (remote.length === 0) return;
  const keys = await loadAssertionKeys(core.config.dataDir);
  const ttl = core.config.remote.assertionTtlSeconds;
  for (const state of remote) {
    const baseUrl = core.config.plugins.remote[state.id]!;
    const routes = await fetchRemoteRoutes(baseUrl, state.id, keys, ttl);
    core.dispatcher.addRemote(state.id, state.plugin!.manifest, routes, remoteInvoker(baseUrl, state.id, keys, ttl));
    core.log.info({ plugin: state.id, worker: baseUrl, routes: routes.length }, 'remote plugin attached');
  }
}

function listen(server: Server | HttpsServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
