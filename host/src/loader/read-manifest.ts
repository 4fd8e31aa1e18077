import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { manifestSchema, SDK_VERSION, type PluginManifest } from '@switchboard/sdk';
import { compileSchema, describeErrors } from '../validation/ajv.js';
import { PluginLoadError } from './plugin-error.js';

/** A plugin package found on disk whose manifest passed every check. */
export interface DiscoveredPlugin {
  dir: string;
  packageName: string;
  version: string;
  manifest: PluginManifest;
}

const validateManifest = compileSchema(manifestSchema);

/** Ids the host uses itself: /api/host and /api/shell, `host:` entitlements, `host_` tables. */
const RESERVED_IDS = new Set(['host', 'shell']);

/**
 * Reads `<dir>/package.json` and checks its `switchboard` manifest against the SDK's schema, its
 * version, and its SDK range against this host's SDK. Every problem is reported, not just the first.
 */
export async function readManifest(dir: string, sdkVersion: string = SDK_VERSION): Promise<DiscoveredPlugin> {
  const file = join(dir, 'package.json');
  let pkg: { name?: unknown; version?: unknown; switchboard?: unknown };
  try {
    pkg = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PluginLoadError(dir, [`${file} cannot be read as JSON: ${(error as Error).message}`]);
  }
  const name = typeof pkg.name === 'string' ? pkg.name : dir;
  const problems: string[] = [];
  if (typeof pkg.version !== 'string' || !semver.valid(pkg.version)) problems.push('version: package.json must carry a semver version');
  if (pkg.switchboard === undefined) throw new PluginLoadError(name, [`${file} has no "switchboard" manifest`]);
  if (!validateManifest(pkg.switchboard)) {
    for (const { field, message } of describeErrors(validateManifest.errors)) problems.push(`switchboard.${field}: ${message}`.replace(/\.:/, ':'));
  }
  const manifest = pkg.switchboard as PluginManifest;
  if (typeof manifest?.id === 'string' && RESERVED_IDS.has(manifest.id)) {
    problems.push(`switchboard.id: "${manifest.id}" is the host's own (its routes, entitlements and tables); choose another id`);
  }
  if (typeof manifest?.sdk === 'string') {
    if (!semver.validRange(manifest.sdk)) problems.push(`switchboard.sdk: "${manifest.sdk}" is not a semver range`);
    else if (!semver.satisfies(sdkVersion, manifest.sdk)) {
      problems.push(`switchboard.sdk: the plugin was built for SDK ${manifest.sdk}, but this host provides SDK ${sdkVersion}`);
    }
  }
  for (const entry of manifest?.menu ?? []) {
    if (manifest.entitlements && !(entry.entitlement in manifest.entitlements)) {
      problems.push(`switchboard.menu: entry "${entry.label}" needs entitlement "${entry.entitlement}", which the manifest does not declare`);
    }
  }
  const serviceIds = (Array.isArray(manifest?.services) ? manifest.services : []).map((service) => service?.id);
  for (const id of new Set(serviceIds.filter((id, index) => serviceIds.indexOf(id) !== index))) {
    problems.push(`switchboard.services: two services have the id "${String(id)}"; each needs its own`);
  }
  if (problems.length) throw new PluginLoadError(typeof manifest?.id === 'string' ? `${manifest.id} (${name})` : name, problems);
  return { dir, packageName: name, version: pkg.version as string, manifest };
}
