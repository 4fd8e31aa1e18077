import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { projectRoot } from '../config/load.js';
import { PluginLoadError } from './plugin-error.js';
import { readManifest, type DiscoveredPlugin } from './read-manifest.js';

export interface Discovery {
  plugins: DiscoveredPlugin[];
  /** Packages that look like plugins but cannot be used, with the reasons. */
  failures: PluginLoadError[];
}

const isDir = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);
const isFile = (p: string) => stat(p).then((s) => s.isFile(), () => false);

/** Where a package named in config lives: a path, or an installed npm package. */
function packageDir(spec: string): string {
  if (spec.startsWith('.') || isAbsolute(spec)) return resolve(projectRoot, spec);
  return dirname(createRequire(join(projectRoot, 'package.json')).resolve(`${spec}/package.json`));
}

/**
 * Every folder under the configured plugin folders that holds a package.json is a plugin candidate,
 * as is every package named in config. Duplicated ids are refused: which one would run is not a guess.
 */
export async function discoverPlugins(dirs: string[], packages: string[], disabled: string[] = []): Promise<Discovery> {
  const candidates: string[] = [];
  for (const dir of dirs) {
    if (!(await isDir(dir))) continue;
    for (const entry of (await readdir(dir)).sort()) {
      const candidate = join(dir, entry);
      if ((await isDir(candidate)) && (await isFile(join(candidate, 'package.json')))) candidates.push(candidate);
    }
  }
  const failures: PluginLoadError[] = [];
  for (const spec of packages) {
    try {
      candidates.push(packageDir(spec));
    } catch (error) {
      failures.push(new PluginLoadError(spec, [`the package cannot be found: ${(error as Error).message.split('\n')[0]}`]));
    }
  }

  const plugins: DiscoveredPlugin[] = [];
  for (const dir of candidates) {
    try {
      const plugin = await readManifest(dir);
      if (disabled.includes(plugin.manifest.id)) continue;
      const twin = plugins.find((p) => p.manifest.id === plugin.manifest.id);
      if (twin) {
        failures.push(new PluginLoadError(plugin.manifest.id, [`two packages claim this id: ${twin.dir} and ${dir}`]));
        continue;
      }
      plugins.push(plugin);
    } catch (error) {
      if (error instanceof PluginLoadError) failures.push(error);
      else throw error;
    }
  }
  return { plugins, failures };
}
