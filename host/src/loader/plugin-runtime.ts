import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import {
  Tokens,
  type AuditLog,
  type Clock,
  type EventBus,
  type InstalledService,
  type InstalledServices,
  type PluginContext,
  type SwitchboardPlugin,
} from '@switchboard/sdk';
import type { Dispatcher } from '../dispatcher/dispatcher.js';
import { createPluginStorage, loadMigrationsFrom, runMigrations, type Database } from '../storage/index.js';
import { scopedBus } from '../events/index.js';
import { compileSchema, describeErrors } from '../validation/ajv.js';
import type { Discovery } from './discover.js';
import { orderByRequirements, RequirementError } from './order.js';
import { PluginLoadError } from './plugin-error.js';
import { contextFor } from './plugin-context.js';
import type { DiscoveredPlugin } from './read-manifest.js';

export interface RuntimeDependencies {
  container: DependencyContainer;
  db: Database;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  dispatcher: Dispatcher;
  audit: AuditLog;
  settings: Record<string, Record<string, unknown>>;
  /** Ids the host runs without when they fail to load. */
  optional: readonly string[];
  /** Ids that run in worker processes: known here by manifest, never imported. */
  remote: readonly string[];
}

export type PluginStateName = 'running' | 'remote' | 'failed' | 'stopped';

export interface PluginState {
  plugin: DiscoveredPlugin | null;
  id: string;
  state: PluginStateName;
  error?: string;
}

interface Loaded {
  discovered: DiscoveredPlugin;
  plugin: SwitchboardPlugin | null;
  context: PluginContext;
  routes: { commit(): void };
  /** The plugin's view of the bus: closing it ends the plugin's subscriptions only. */
  events: EventBus;
}

/**
 * Loads plugins in the order their requirements dictate and takes each through its life:
 * setup (routes, subscriptions, contract), migrations, start; stop in reverse order at shutdown.
 * A plugin marked optional may fail at any step; the host then runs without it (and without the
 * plugins that require it). Any other failure stops the start with the reason.
 */
export class PluginRuntime {
  private readonly states = new Map<string, PluginState>();
  private readonly loaded: Loaded[] = [];

  constructor(private readonly deps: RuntimeDependencies) {
    // Read when asked, so the catalogue always shows the plugins that did load, here or in workers.
    const services: InstalledServices = { list: () => this.installedServices() };
    deps.container.register(Tokens.InstalledServices, { useValue: services });
  }

  list(): PluginState[] {
    return [...this.states.values()];
  }

  running(): DiscoveredPlugin[] {
    return this.loaded.map((l) => l.discovered);
  }

  /** The services the manifests of the installed plugins (running here or in a worker) declare. */
  installedServices(): InstalledService[] {
    return this.list()
      .filter((state) => state.plugin && (state.state === 'running' || state.state === 'remote'))
      .flatMap(({ plugin }) => (plugin!.manifest.services ?? []).map((service) => ({ ...service, plugin: plugin!.manifest.id, pluginTitle: plugin!.manifest.title })));
  }

  async load(discovery: Discovery, only?: readonly string[]): Promise<void> {
    // A worker cares only about the plugins it runs.
    for (const failure of discovery.failures) if (!only || only.includes(failure.plugin)) this.fail(failure.plugin, null, failure);

    let candidates = only ? withRequirements(discovery.plugins, only) : discovery.plugins;
    let ordered: DiscoveredPlugin[];
    for (;;) {
      try {
        ordered = orderByRequirements(candidates.map((p) => ({ ...p, id: p.manifest.id, requires: p.manifest.requires ?? [] })));
        break;
      } catch (error) {
        if (!(error instanceof RequirementError)) throw error;
        for (const id of error.affected) this.fail(id, candidates.find((p) => p.manifest.id === id) ?? null, error);
        candidates = candidates.filter((p) => !error.affected.includes(p.manifest.id));
      }
    }

    const stages: Array<[string, (l: Loaded) => Promise<void>]> = [
      ['migrations', (l) => this.migrate(l)],
      ['start', async (l) => l.plugin?.start?.(l.context)],
    ];
    for (const discovered of ordered) {
      const id = discovered.manifest.id;
      const lost = (discovered.manifest.requires ?? []).filter((r) => this.states.get(r)?.state === 'failed');
      if (lost.length) {
        this.fail(id, discovered, new PluginLoadError(id, [`it requires ${lost.join(', ')}, which failed to load`]));
        continue;
      }
      if (this.deps.remote.includes(id)) {
        this.states.set(id, { id, plugin: discovered, state: 'remote' });
        continue;
      }
      try {
        this.loaded.push(await this.setup(discovered));
        this.states.set(id, { id, plugin: discovered, state: 'running' });
      } catch (error) {
        this.fail(id, discovered, error);
      }
    }
    for (const [stage, run] of stages) {
      for (const l of [...this.loaded]) {
        try {
          await run(l);
        } catch (error) {
          this.loaded.splice(this.loaded.indexOf(l), 1);
          await l.events.close().catch(() => undefined);
          this.fail(l.discovered.manifest.id, l.discovered, error, stage);
        }
      }
    }
    for (const l of this.loaded) l.routes.commit();
  }

  async stop(): Promise<void> {
    for (const l of [...this.loaded].reverse()) {
      try {
        await l.plugin?.stop?.();
        await l.events.close();
      } catch (error) {
        this.deps.log.error({ err: error, plugin: l.discovered.manifest.id }, 'plugin failed to stop cleanly');
      }
      this.states.set(l.discovered.manifest.id, { ...this.states.get(l.discovered.manifest.id)!, state: 'stopped' });
    }
    this.loaded.length = 0;
  }

  private async setup(discovered: DiscoveredPlugin): Promise<Loaded> {
    const { manifest, dir, version } = discovered;
    const id = manifest.id;
    const plugin = manifest.server ? await importPlugin(join(dir, manifest.server), id) : null;
    const container = this.deps.container.createChildContainer();
    const routes = this.deps.dispatcher.forPlugin(id, manifest);
    container.register(Tokens.PluginId, { useValue: id });
    container.register(Tokens.Manifest, { useValue: { ...manifest, version } });
    container.register(Tokens.Storage, { useValue: createPluginStorage(this.deps.db, id) });
    const events = scopedBus(this.deps.bus, id);
    container.register(Tokens.Events, { useValue: events });
    container.register(Tokens.Clock, { useValue: this.deps.clock });
    container.register(Tokens.Logger, { useValue: this.deps.log.child({ plugin: id }) });
    container.register(Tokens.Config, { useValue: this.settingsFor(id, manifest.config) });
    container.register(Tokens.Dispatcher, { useValue: { route: routes.route } });
    container.register(Tokens.Audit, { useValue: this.deps.audit });
    const context = contextFor(id, { ...manifest, version }, container);
    const contract = plugin ? await plugin.setup(context) : undefined;
    // Contracts go on the root container so the child containers of plugins that require this one see them.
    if (contract !== undefined) this.deps.container.register(Tokens.contract(id), { useValue: contract });
    return { discovered, plugin, context, routes, events };
  }

  private async migrate({ discovered }: Loaded): Promise<void> {
    const { manifest, dir } = discovered;
    if (!manifest.migrations) return;
    const migrations = await loadMigrationsFrom(join(dir, manifest.migrations));
    const applied = await runMigrations(this.deps.db, { owner: manifest.id, prefix: createPluginStorage(this.deps.db, manifest.id).prefix, migrations });
    if (applied.length) this.deps.log.info({ plugin: manifest.id, applied }, 'plugin migrations applied');
  }

  private settingsFor(id: string, schema: Record<string, unknown> | undefined): Record<string, unknown> {
    const settings = structuredClone(this.deps.settings[id] ?? {});
    if (!schema) return settings;
    const validate = compileSchema(schema, { useDefaults: true });
    if (!validate(settings)) {
      throw new PluginLoadError(id, describeErrors(validate.errors, `plugins.settings.${id}`).map((f) => `${f.field}: ${f.message}`));
    }
    return settings;
  }

  private fail(id: string, plugin: DiscoveredPlugin | null, error: unknown, stage = 'load'): void {
    const message = error instanceof Error ? error.message : String(error);
    this.states.set(id, { id, plugin, state: 'failed', error: message });
    if (!this.deps.optional.includes(id)) {
      throw error instanceof PluginLoadError || error instanceof RequirementError ? error : new PluginLoadError(id, [`${stage} failed: ${message}`]);
    }
    this.deps.log.warn({ plugin: id, stage, reason: message }, 'optional plugin failed to load; running without it');
  }
}

async function importPlugin(file: string, id: string): Promise<SwitchboardPlugin> {
  let module: { default?: SwitchboardPlugin };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: SwitchboardPlugin };
  } catch (error) {
    throw new PluginLoadError(id, [`its server entry ${file} cannot be imported: ${(error as Error).message}`]);
  }
  if (!module.default || typeof module.default.setup !== 'function') {
    throw new PluginLoadError(id, [`its server entry ${file} must default-export a plugin object with setup()`]);
  }
  return module.default;
}

/** The named plugins and, transitively, what they require. */
function withRequirements(all: DiscoveredPlugin[], only: readonly string[]): DiscoveredPlugin[] {
  const wanted = new Set<string>();
  const add = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const r of all.find((p) => p.manifest.id === id)?.manifest.requires ?? []) add(r);
  };
  only.forEach(add);
  return all.filter((p) => wanted.has(p.manifest.id));
}
