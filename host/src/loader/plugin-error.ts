/** A plugin that cannot be loaded, and every reason why, each naming what to fix. */
export class PluginLoadError extends Error {
  constructor(
    readonly plugin: string,
    readonly problems: string[],
  ) {
    super(`Plugin ${plugin} cannot be loaded:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PluginLoadError';
  }
}
