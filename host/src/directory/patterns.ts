import type { Catalog } from './catalog.js';

/**
 * Entitlement patterns, the contents of a role: `plugin:name` where `*` stands for any run of
 * characters within its side of the colon. `*:*` is everything, `toll-free:*` every entitlement
 * of toll-free, `*:*.read` every read entitlement of every plugin. A `*` never crosses the colon,
 * so `*.read` alone (no plugin side) is not a pattern.
 */
const SIDE = /^[a-z0-9*][a-z0-9*.-]*$/;
const MAX_LENGTH = 120;

/** What is wrong with a pattern, in words, or null when it is well-formed. */
export function patternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || pattern.length === 0) return 'must be a non-empty string';
  if (pattern.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  const sides = pattern.split(':');
  if (sides.length !== 2) return 'must be "plugin:entitlement", with * as a wildcard on either side';
  const [plugin, name] = sides as [string, string];
  if (!SIDE.test(plugin) || plugin.includes('.')) return 'has an invalid plugin side: use a plugin id or *';
  if (!SIDE.test(name) || name.includes('..') || name.endsWith('.')) {
    return 'has an invalid entitlement side: use dot-separated lower-case words, and * as a wildcard';
  }
  return null;
}

interface Compiled {
  plugin: RegExp;
  name: RegExp;
}

// Patterns come from a handful of roles; compiling each once keeps expansion cheap. Bounded so
// that a stream of distinct patterns (a fuzzing client) cannot grow it without end.
const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 2_000;

function compile(pattern: string): Compiled {
  let entry = compiled.get(pattern);
  if (!entry) {
    const [plugin = '', name = ''] = pattern.split(':');
    entry = { plugin: globToRegExp(plugin), name: globToRegExp(name) };
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, entry);
  }
  return entry;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** True when the (well-formed) pattern matches the qualified entitlement `plugin:name`. */
export function patternMatches(pattern: string, plugin: string, name: string): boolean {
  const { plugin: pluginTest, name: nameTest } = compile(pattern);
  return pluginTest.test(plugin) && nameTest.test(name);
}

/** What a pattern gives a tenant subscribing to `subscribed`, and, when nothing, why. */
export interface Expansion {
  gives: string[];
  /** Set when `gives` is empty: the tenant lacks the service, or nothing installed matches at all. */
  reason?: 'not_subscribed' | 'no_match';
}

export function expandPattern(pattern: string, catalog: Catalog, subscribed: ReadonlySet<string>): Expansion {
  const gives: string[] = [];
  let matchedElsewhere = false;
  const { plugin: pluginTest, name: nameTest } = compile(pattern);
  for (const [plugin, names] of catalog) {
    if (!pluginTest.test(plugin)) continue;
    for (const name of names) {
      if (!nameTest.test(name)) continue;
      if (subscribed.has(plugin)) gives.push(`${plugin}:${name}`);
      else matchedElsewhere = true;
    }
  }
  if (gives.length > 0) return { gives };
  return { gives, reason: matchedElsewhere ? 'not_subscribed' : 'no_match' };
}
