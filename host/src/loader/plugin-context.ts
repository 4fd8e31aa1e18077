import type { DependencyContainer } from 'tsyringe';
import { Tokens, type PluginContext, type PluginManifest } from '@switchboard/sdk';

/** Which context property reads which token. */
const SERVICES = {
  storage: Tokens.Storage,
  events: Tokens.Events,
  clock: Tokens.Clock,
  logger: Tokens.Logger,
  config: Tokens.Config,
  dispatcher: Tokens.Dispatcher,
  audit: Tokens.Audit,
} as const;

/**
 * A plugin's context: a view onto its own tsyringe child container, so what the plugin reads from
 * `context.storage` is exactly what `container.resolve(Tokens.Storage)` gives it.
 */
export function contextFor(id: string, manifest: PluginManifest & { version: string }, container: DependencyContainer): PluginContext {
  const requires = new Set(manifest.requires ?? []);
  const context = {
    id,
    manifest,
    container,
    contract<T>(pluginId: string): T {
      if (!requires.has(pluginId)) {
        throw new Error(`Plugin ${id} asked for the contract of "${pluginId}", which its manifest does not require`);
      }
      const token = Tokens.contract(pluginId);
      if (!container.isRegistered(token, true)) {
        throw new Error(`The contract of "${pluginId}" is not available to ${id}: it runs in another process or failed to load`);
      }
      return container.resolve<T>(token);
    },
  };
  for (const [name, token] of Object.entries(SERVICES)) {
    Object.defineProperty(context, name, { get: () => container.resolve(token), enumerable: true });
  }
  return context as PluginContext;
}
