import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchema, describeErrors } from '../validation/ajv.js';
import type { ConfigOverrides, HostConfig } from './types.js';

/** The repository root: config/ lives there, and relative paths in the configuration are taken from it. */
export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const configDir = resolve(projectRoot, 'config');

const ENV_PREFIX = 'SWITCHBOARD__';

/** A setting that cannot be used; the message names it and says what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${file} cannot be read as JSON: ${(error as Error).message}`]);
  }
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; anything else (arrays included) replaces. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

/** `SWITCHBOARD__server__httpsPort=9443` -> { server: { httpsPort: 9443 } }; values are JSON when they parse as JSON. */
function fromEnvironment(env: NodeJS.ProcessEnv): { overrides: Record<string, unknown>; sources: Map<string, string> } {
  const overrides: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const set = (path: string[], value: unknown, source: string) => {
    let node = overrides;
    for (const key of path.slice(0, -1)) node = (node[key] = isPlainObject(node[key]) ? node[key] : {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = value;
    sources.set(path.join('.'), source);
  };
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').filter(Boolean);
    if (path.length === 0) continue;
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // A bare string such as a host name: keep it as it is.
    }
    set(path, value, name);
  }
  if (env.DATABASE_URL) set(['database', 'url'], env.DATABASE_URL, 'DATABASE_URL');
  if (env.NATS_URL) set(['events', 'nats'], { servers: env.NATS_URL }, 'NATS_URL');
  return { overrides, sources };
}

const validateConfig = compileSchema(readJson(resolve(configDir, 'schema.json')) as object, { useDefaults: true });

/**
 * Defaults, then the file named by SWITCHBOARD_CONFIG, then environment variables, then the
 * caller's overrides (tests). Relative paths come back absolute, resolved from the repository root.
 */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): HostConfig {
  let config = readJson(resolve(configDir, 'default.json')) as Record<string, unknown>;
  if (env.SWITCHBOARD_CONFIG) config = merge(config, readJson(resolve(env.SWITCHBOARD_CONFIG)) as Record<string, unknown>);
  const { overrides: fromEnv, sources } = fromEnvironment(env);
  config = merge(config, fromEnv);
  config = merge(config, overrides as Record<string, unknown>);

  if (!validateConfig(config)) {
    throw new ConfigError(
      describeErrors(validateConfig.errors).map(({ field, message }) => {
        const source = [...sources.entries()].find(([path]) => field === path || field.startsWith(`${path}.`));
        return `${field || '(top level)'}: ${message}${source ? ` (set by ${source[1]})` : ''}`;
      }),
    );
  }
  const valid = config as unknown as HostConfig;
  const { certFile, keyFile } = valid.tls;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new ConfigError([certFile ? 'tls.keyFile: is required when tls.certFile is set' : 'tls.certFile: is required when tls.keyFile is set']);
  }
  const absolute = (p: string) => (isAbsolute(p) ? p : resolve(projectRoot, p));
  return {
    ...valid,
    dataDir: absolute(valid.dataDir),
    tls: {
      certFile: valid.tls.certFile && absolute(valid.tls.certFile),
      keyFile: valid.tls.keyFile && absolute(valid.tls.keyFile),
    },
    plugins: { ...valid.plugins, dirs: valid.plugins.dirs.map(absolute) },
    themes: { ...valid.themes, dirs: valid.themes.dirs.map(absolute) },
    identity: { ...valid.identity, fixtures: valid.identity.fixtures && absolute(valid.identity.fixtures) },
  };
}
