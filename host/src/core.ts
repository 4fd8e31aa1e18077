import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container as globalContainer, type DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import { systemClock, Tokens, type AuditLog, type Clock, type EventBus } from '@switchboard/sdk';
import { HashChainedAuditLog } from './audit/audit-log.js';
import { loadConfig } from './config/load.js';
import type { ConfigOverrides, HostConfig } from './config/types.js';
import { Dispatcher } from './dispatcher/dispatcher.js';
import { registerDirectoryApi } from './directory-api/index.js';
import { connectNatsBus, createInProcessBus } from './events/index.js';
import type { Catalog } from './directory/index.js';
import { openIdentityStack, type IdentityStack } from './identity/identity-stack.js';
import { discoverPlugins } from './loader/discover.js';
import { PluginRuntime } from './loader/plugin-runtime.js';
import { createLogger } from './logger.js';
import { loadMigrationsFrom, openDatabase, runMigrations, type Database } from './storage/index.js';

const hostMigrations = fileURLToPath(new URL('./migrations/', import.meta.url));

/** What the front host and a worker process share: configuration, storage, bus, dispatcher, plugins. */
export interface Core {
  config: HostConfig;
  log: Logger;
  db: Database;
  bus: EventBus;
  clock: Clock;
  container: DependencyContainer;
  audit: AuditLog;
  identity: IdentityStack;
  dispatcher: Dispatcher;
  runtime: PluginRuntime;
  close(): Promise<void>;
}

export interface CoreOptions {
  overrides?: ConfigOverrides;
  env?: NodeJS.ProcessEnv;
  /** Load only these plugins (and what they require): a worker process. */
  only?: readonly string[];
  /** Plugins that run elsewhere; the front host knows them by manifest only. */
  remote?: readonly string[];
  role: 'host' | 'worker' | 'cli';
}

export async function openStorage(config: HostConfig, log?: Logger): Promise<Database> {
  await mkdir(config.dataDir, { recursive: true });
  const db = await openDatabase({
    url: config.database.url,
    sqliteFile: join(config.dataDir, 'switchboard.sqlite'),
    schema: config.database.schema ?? undefined,
    ...(log ? { log: { warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) } } : {}),
  });
  await runMigrations(db, { owner: 'host', prefix: 'host_', migrations: await loadMigrationsFrom(hostMigrations) });
  return db;
}

/** Builds everything up to and including the plugins' start; the caller adds the HTTP face. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const config = loadConfig(options.overrides, options.env);
  const log = createLogger(config, { role: options.role });
  const db = await openStorage(config, log);
  const closers: Array<() => Promise<void>> = [() => db.close()];
  try {
    const logger = { warn: (m: string) => log.warn(m), error: (m: string, err: unknown) => log.error({ err }, m) };
    const bus = config.events.nats ? await connectNatsBus({ ...config.events.nats, logger }) : createInProcessBus({ logger });
    closers.unshift(() => bus.close());

    const clock = systemClock;
    const audit = new HashChainedAuditLog(db.knex, clock);
    // Filled in once the plugins are loaded: the entitlements roles and grants can name.
    let catalog: Catalog = new Map();
    const identity = await openIdentityStack({ config, db, bus, clock, audit, log, catalog: () => catalog });
    const dispatcher = new Dispatcher({ identity: identity.resolver, audit, log, bodyLimitBytes: config.server.bodyLimitBytes });
    registerDirectoryApi(dispatcher, identity);

    // A child of the global container, so several hosts in one process (tests) never share registrations.
    const container = globalContainer.createChildContainer();
    container.register(Tokens.Clock, { useValue: clock });
    container.register(Tokens.Audit, { useValue: audit });
    container.register(Tokens.IdentityResolver, { useValue: identity.resolver });
    container.register(Tokens.Directory, { useValue: identity.directory.forPlugins() });

    const runtime = new PluginRuntime({
      container,
      db,
      bus,
      clock,
      log,
      dispatcher,
      audit,
      settings: config.plugins.settings,
      optional: config.plugins.optional,
      remote: options.remote ?? Object.keys(config.plugins.remote),
    });
    closers.unshift(() => runtime.stop());
    const discovery = await discoverPlugins(config.plugins.dirs, config.plugins.packages, config.plugins.disabled);
    await runtime.load(discovery, options.only);
    catalog = new Map(
      runtime
        .list()
        .filter((s) => s.plugin && (s.state === 'running' || s.state === 'remote'))
        .map((s) => [s.id, Object.keys(s.plugin!.manifest.entitlements)]),
    );
    await identity.directory.invalidateAll();

    let closed = false;
    return {
      config, log, db, bus, clock, container, audit, identity, dispatcher, runtime,
      async close() {
        if (closed) return;
        closed = true;
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}
