import type { DependencyContainer } from 'tsyringe';
import type { AuditLog } from './audit.js';
import type { EventBus } from './events.js';
import type { PluginManifest } from './manifest.js';
import type { PluginDispatcher } from './routes.js';
import type { Clock, Logger } from './runtime.js';
import type { PluginStorage } from './storage.js';

/**
 * What a plugin is given. Each property is resolved from the plugin's own tsyringe child container
 * (see Tokens), so a plugin may also resolve them itself or register its own services there.
 */
export interface PluginContext<Config = Record<string, unknown>> {
  readonly id: string;
  readonly manifest: PluginManifest & { version: string };
  readonly container: DependencyContainer;
  readonly storage: PluginStorage;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The plugin's settings, validated against its manifest's config schema, defaults applied. */
  readonly config: Config;
  readonly dispatcher: PluginDispatcher;
  readonly audit: AuditLog;
  /** The contract of a plugin named in `requires`; asking for any other is an error. */
  contract<T>(pluginId: string): T;
}

/**
 * A plugin's server entry default-exports one of these. The host calls setup (register routes,
 * subscriptions; return the contract other plugins may use), then runs migrations, then start;
 * stop on shutdown, in reverse order.
 */
export interface SwitchboardPlugin<Contract = unknown, Config = Record<string, unknown>> {
  setup(context: PluginContext<Config>): Contract | Promise<Contract>;
  start?(context: PluginContext<Config>): void | Promise<void>;
  stop?(): void | Promise<void>;
}

/** Identity function that gives a plugin object its types. */
export const definePlugin = <Contract = void, Config = Record<string, unknown>>(
  plugin: SwitchboardPlugin<Contract, Config>,
): SwitchboardPlugin<Contract, Config> => plugin;
