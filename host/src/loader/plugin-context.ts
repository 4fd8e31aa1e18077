import type { DependencyContainer } from 'tsyringe';
import { Tokens, type PluginContext, type PluginManifest } from '@switchboard/sdk';

/**
 * A plugin's context: a view onto its own tsyringe child container, so what the plugin reads from
 * `context.storage` is exactly what `container.resolve(Tokens.Storage)` gives it.
 */
export function contextFor(id: string, manifest: PluginManifest & { version: string }, container: DependencyContainer): PluginContext {
  const requires = new Set(manifest.requires ?? []);
  return {
    id,
    manifest,
    container,
    get storage() {
      return container.resolve(Tokens.Storage);
    },
    get events() {
      return container.resolve(Tokens.Events);
    },
    get clock() {
      return container.resolve(Tokens.Clock);
    },
    get logger() {
      return container.resolve(Tokens.Logger);
    },
    get config() {
      return container.resolve(Tokens.Config);
    },
    get dispatcher() {
      return container.resolve(Tokens.Dispatcher);
    },
    get audit() {
      return container.resolve(Tokens.Audit);
    },
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
  } as PluginContext;
}
