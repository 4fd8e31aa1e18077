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

/**
 * A labelled form control as the design system draws it: label, required mark, hint, the control
 * (input, textarea or select), its invalid state and the error under it. For sb-field and for any
 * element that draws a control of its own (a combobox, a picker) and should look like one.
 */
export const fieldStyles = css`
  :host {
    display: block;
    margin-bottom: 1rem;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.3rem;
  }
  .required {
    color: var(--sb-color-danger);
  }
  .hint {
    margin: 0 0 0.35rem;
    font-size: 0.875rem;
    color: var(--sb-color-text-muted);
  }
  input,
  textarea,
  select {
    font: inherit;
    color: var(--sb-color-text);
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius);
    padding: 0.5rem 0.65rem;
    width: 100%;
    min-height: 2.5rem;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--sb-color-danger);
    box-shadow: inset 0 0 0 1px var(--sb-color-danger);
  }
  .error {
    margin: 0.35rem 0 0;
    color: var(--sb-color-danger);
    font-size: 0.875rem;
    font-weight: 600;
  }
`;
