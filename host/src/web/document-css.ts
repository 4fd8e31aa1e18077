/**
 * The page's own stylesheet, outside any shadow root: the background and type the shell sits on,
 * and a quiet placeholder until the shell's module has defined <sb-shell>. It is served as a file
 * (the CSP allows no inline style) and uses only the theme's custom properties.
 */
export const DOCUMENT_CSS = `
html {
  font-family: var(--sb-font-family);
  font-size: var(--sb-font-size, 16px);
  color: var(--sb-color-text);
  background: var(--sb-color-bg);
  -webkit-text-size-adjust: 100%;
}
body {
  margin: 0;
  min-height: 100vh;
}
sb-shell {
  display: block;
  min-height: 100vh;
}
sb-shell:not(:defined) {
  border-top: 4rem solid var(--sb-color-header-bg);
}
.sb-noscript {
  max-width: 40rem;
  margin: 3rem auto;
  padding: 1rem 1.5rem;
  background: var(--sb-color-surface);
  border: 1px solid var(--sb-color-border);
  border-radius: var(--sb-radius);
}
`;
