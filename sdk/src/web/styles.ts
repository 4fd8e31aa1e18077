import { css } from 'lit';

/**
 * Styles every kit element and plugin page shares. Everything visual comes from the theme's
 * custom properties (`--sb-*`, served as /theme.css), so a brand applies without plugin code.
 */
export const baseStyles = css`
  :host {
    font-family: var(--sb-font-family);
    color: var(--sb-color-text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--sb-color-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  [hidden] {
    display: none !important;
  }
`;

/** For plugin pages: headings, text, a card surface and a simple vertical rhythm. */
export const pageStyles = css`
  :host {
    display: block;
  }
  h2,
  h3 {
    font-family: var(--sb-font-family-heading);
    color: var(--sb-color-text);
    line-height: 1.25;
    margin: 0 0 0.75rem;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  p {
    line-height: 1.5;
    margin: 0 0 0.75rem;
  }
  .card {
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius-large);
    box-shadow: var(--sb-shadow);
    padding: 1.25rem;
  }
  .stack > * + * {
    margin-top: 1.25rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .muted {
    color: var(--sb-color-text-muted);
  }
`;
