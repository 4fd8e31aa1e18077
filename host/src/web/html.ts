import type { Theme } from '../themes/index.js';
import type { BuildManifest } from './build-manifest.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const iconType = (file: string) => (file.endsWith('.svg') ? 'image/svg+xml' : file.endsWith('.png') ? 'image/png' : 'image/x-icon');

/**
 * The one HTML page of the portal, written for the brand of the request. It holds no inline script
 * and no inline style, so the CSP can be `script-src 'self'; style-src 'self'`: the brand reaches
 * the shell as attributes, its colours as /theme.css, everything else from the session API.
 */
export function indexHtml(theme: Theme, build: BuildManifest): string {
  const e = escapeHtml;
  const themeColor = theme.tokens['color-header-bg'] ?? theme.tokens['color-primary'];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(theme.productName)}</title>
<meta name="description" content="${e(`${theme.productName} from ${theme.brandName}`)}">
${themeColor ? `<meta name="theme-color" content="${e(themeColor)}">\n` : ''}<link rel="icon" href="/theme/favicon" type="${iconType(theme.favicon)}">
<link rel="stylesheet" href="/theme.css">
<link rel="stylesheet" href="${e(build.shell.stylesheet)}">
${build.preload.map((href) => `<link rel="modulepreload" href="${e(href)}">\n`).join('')}<script type="module" src="${e(build.shell.script)}"></script>
</head>
<body>
<sb-shell brand-name="${e(theme.brandName)}" product-name="${e(theme.productName)}"></sb-shell>
<noscript><p class="sb-noscript">${e(theme.productName)} needs JavaScript. Turn it on in your browser and reload this page.</p></noscript>
</body>
</html>
`;
}
