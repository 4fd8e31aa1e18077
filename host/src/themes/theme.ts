import type { ThemeManifest } from '@switchboard/sdk';

/** A loaded brand: its validated manifest, the folder its files live in, and its stylesheet. */
export interface Theme extends Readonly<ThemeManifest> {
  /** Absolute path of the theme's folder; `logo` and `favicon` are files inside it. */
  readonly dir: string;
  /** Absolute path of the theme.json it was read from, for messages. */
  readonly file: string;
  /** `:root { --sb-<token>: <value>; ... }`, served as /theme.css. */
  readonly css: string;
}

/**
 * The stylesheet of a theme. Tokens the theme leaves out are taken from `base` (the default theme)
 * so a reseller can ship only the colours it changes and the UI kit still finds every property.
 * Values were checked by the schema (no `;`, braces, angle brackets or backslashes), so they
 * cannot close the rule or smuggle in another one.
 */
export function themeCss(tokens: Readonly<Record<string, string>>, base: Readonly<Record<string, string>> = {}): string {
  const merged = { ...base, ...tokens };
  const lines = Object.keys(merged)
    .sort()
    .map((name) => `  --sb-${name}: ${merged[name]!.trim()};`);
  return `:root {\n${lines.join('\n')}\n}\n`;
}
