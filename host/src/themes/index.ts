export { ThemeRegistry, normalizeHost } from './registry.js';
export type { Theme } from './theme.js';
export { themeCss } from './theme.js';
export { ThemeError, validateTheme } from './validate.js';
