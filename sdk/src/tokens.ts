/**
 * Dependency-injection tokens. Everything in a plugin's tsyringe container is registered under one of
 * these, never by class, so no code relies on emitted decorator metadata. `Symbol.for` keeps the
 * tokens equal even if two copies of the SDK end up loaded.
 */
export const Tokens = {
  PluginId: Symbol.for('switchboard.pluginId'),
  Manifest: Symbol.for('switchboard.manifest'),
  Storage: Symbol.for('switchboard.storage'),
  Events: Symbol.for('switchboard.events'),
  Clock: Symbol.for('switchboard.clock'),
  Logger: Symbol.for('switchboard.logger'),
  Config: Symbol.for('switchboard.config'),
  Dispatcher: Symbol.for('switchboard.dispatcher'),
  Audit: Symbol.for('switchboard.audit'),
  IdentityResolver: Symbol.for('switchboard.identityResolver'),
  /** The directory contract (tenants, users, roles, grants, clients): for the orders plugin's administration. */
  Directory: Symbol.for('switchboard.directory'),
  /** The services of the installed plugins (InstalledServices): for the orders plugin's catalogue. */
  InstalledServices: Symbol.for('switchboard.installedServices'),
  /** The contract a required plugin returned from setup: `Tokens.contract('traffic')`. */
  contract: (pluginId: string) => Symbol.for(`switchboard.contract.${pluginId}`),
} as const;
