export { buildWebAssets, FIRST_SCREEN_BUDGET_BYTES, type WebBuildOptions, type WebBuildResult } from './build.js';
export { shellMiddleware, type ShellOptions, type ShellPlugin } from './routes.js';
export { sessionFor } from './session.js';
export { indexHtml } from './html.js';
export type { SessionResponse, SessionMenuEntry } from '../shell/session.js';
