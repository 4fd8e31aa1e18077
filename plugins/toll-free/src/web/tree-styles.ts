import { css } from '@switchboard/sdk/web';

/** The plan tree: nested lists drawn as a tree with lines, nodes as cards, problems and changes marked in the theme's colours. */
export const treeStyles = css`
  ul.tree,
  ul.branches {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.branches {
    margin-top: 0.75rem;
    padding-left: 1rem;
    border-left: 2px solid var(--sb-color-border);
  }
  li.branch {
    margin-top: 0.75rem;
  }
  .branch-head {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 0.75rem;
    padding: 0.5rem 0.75rem;
    background: var(--sb-color-surface-alt);
    border-radius: var(--sb-radius);
  }
  .branch-head sb-field {
    margin-bottom: 0;
    flex: 1 1 14rem;
  }
  .branch-head sb-field.percent {
    flex: 0 1 8rem;
  }
  .branch-name {
    font-weight: 600;
  }
  .branch-body {
    margin-top: 0.5rem;
    padding-left: 0.75rem;
  }
  .node {
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius-large);
    background: var(--sb-color-surface);
    padding: 0.75rem 0.9rem;
  }
  .node.has-error {
    border: 2px solid var(--sb-color-danger);
  }
  .node.changed {
    border: 2px dashed var(--sb-color-warning);
    background: var(--sb-color-warning-bg);
  }
  .node-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
  }
  .node-head h3 {
    margin: 0;
    font-size: 1rem;
  }
  .node-kind {
    margin-left: 0.25rem;
    font-size: 0.85rem;
    font-weight: 400;
    color: var(--sb-color-text-muted);
  }
  .node-id {
    font-size: 0.8rem;
    color: var(--sb-color-text-muted);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 0.75rem;
    margin-top: 0.6rem;
  }
  .controls sb-field,
  .controls tf-zone-picker {
    margin-bottom: 0;
    flex: 1 1 12rem;
    max-width: 22rem;
  }
  .sum {
    margin: 0.5rem 0 0;
    font-weight: 700;
  }
  .sum.bad {
    color: var(--sb-color-danger);
  }
  .sum.good {
    color: var(--sb-color-success);
  }
  ul.problems {
    margin: 0.5rem 0 0;
    padding-left: 1.1rem;
    font-size: 0.9rem;
  }
  ul.problems li.error {
    color: var(--sb-color-danger);
    font-weight: 600;
  }
  ul.problems li.warning {
    color: var(--sb-color-warning);
  }
  .change-note {
    margin: 0.4rem 0 0;
    font-size: 0.9rem;
    font-weight: 600;
  }
  fieldset.days {
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius);
    margin: 0;
    padding: 0.35rem 0.6rem 0.5rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
  }
  fieldset.days legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  fieldset.days label {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    min-height: 2rem;
  }
  @media (max-width: 40rem) {
    ul.branches {
      padding-left: 0.5rem;
    }
    .branch-body {
      padding-left: 0.25rem;
    }
    .node {
      padding: 0.6rem;
    }
    .controls sb-field,
    .controls tf-zone-picker {
      max-width: none;
    }
  }
`;
