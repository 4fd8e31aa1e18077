import { css } from '@switchboard/sdk/web';

/** What the orders pages share beyond the kit's pageStyles: status badges, forms, lists. Theme tokens only. */
export const ordersStyles = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .form-error {
    color: var(--sb-color-danger);
    font-weight: 600;
  }
  .grid-2 {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
    gap: 1.25rem;
    align-items: start;
  }
  fieldset {
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius);
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
    min-width: 0;
  }
  legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  .choices {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.35rem 1rem;
  }
  .choices label,
  label.choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.25rem;
    cursor: pointer;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.15rem;
    height: 1.15rem;
    accent-color: var(--sb-color-primary);
  }
  .mono {
    font-family: var(--sb-font-family-mono);
  }
  .copy-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .copy-row input {
    flex: 1 1 16rem;
    min-width: 0;
    font: inherit;
    font-family: var(--sb-font-family-mono);
    font-size: 0.85rem;
    padding: 0.5rem;
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius);
    background: var(--sb-color-surface-alt);
    color: var(--sb-color-text);
  }
  .notice {
    padding: 0.75rem 1rem;
    border-radius: var(--sb-radius);
    border: 1px solid var(--sb-color-border);
    background: var(--sb-color-surface-alt);
  }
  .notice.warning {
    border-color: var(--sb-color-warning);
    background: var(--sb-color-warning-bg);
  }
  .summary-list {
    margin: 0;
    padding-left: 1.25rem;
    line-height: 1.6;
  }
`;
