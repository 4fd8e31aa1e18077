import { css } from '@switchboard/sdk/web';

/** What the toll-free pages share: toolbars of fields and buttons, banners, state badges, lists of problems and warnings. */
export const tollFreeStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.6rem 0.9rem;
  }
  .toolbar sb-field,
  .toolbar tf-zone-picker {
    margin-bottom: 0;
    flex: 1 1 12rem;
    max-width: 20rem;
  }
  form.schedule {
    margin-top: 1rem;
  }
  .toolbar .status {
    margin: 0 0 0.5rem;
  }
  .banner {
    border: 2px solid var(--sb-color-warning);
    background: var(--sb-color-warning-bg);
    border-radius: var(--sb-radius-large);
    padding: 0.9rem 1.1rem;
  }
  .banner.danger {
    border-color: var(--sb-color-danger);
    background: var(--sb-color-danger-bg);
  }
  .banner p {
    margin: 0 0 0.5rem;
  }
  .badge {
    display: inline-block;
    font-size: 0.8rem;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding: 0.1rem 0.45rem;
    border-radius: var(--sb-radius);
    border: 1px solid var(--sb-color-border);
    color: var(--sb-color-text-muted);
  }
  .badge.active {
    border-color: var(--sb-color-success);
    color: var(--sb-color-success);
  }
  .badge.draft,
  .badge.scheduled {
    border-color: var(--sb-color-warning);
    color: var(--sb-color-warning);
  }
  .badge.rerouted {
    border-color: var(--sb-color-danger);
    color: var(--sb-color-danger);
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5rem;
  }
  ul.problem-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
    padding: 0.45rem 0.65rem;
    border-radius: var(--sb-radius);
    border: 1px solid var(--sb-color-border);
  }
  ul.problem-list li.error {
    border-color: var(--sb-color-danger);
    background: var(--sb-color-danger-bg);
  }
  ul.problem-list li.warning {
    border-color: var(--sb-color-warning);
    background: var(--sb-color-warning-bg);
  }
  .where {
    color: var(--sb-color-text-muted);
    font-size: 0.875rem;
  }
  ul.capacity li.exceeded {
    color: var(--sb-color-danger);
    font-weight: 600;
  }
  .numbers-choice {
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius);
    padding: 0.4rem 0.75rem 0.6rem;
    margin: 0 0 1rem;
  }
  .numbers-choice legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .numbers-choice label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 2rem;
    margin-inline-end: 1rem;
  }
  table.versions {
    width: 100%;
    border-collapse: collapse;
  }
  table.versions th,
  table.versions td {
    text-align: start;
    padding: 0.45rem 0.5rem;
    border-bottom: 1px solid var(--sb-color-border);
    vertical-align: top;
  }
  .table-scroll {
    overflow-x: auto;
  }
  .grid-2 {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
    gap: 1.25rem;
  }
  @media (max-width: 40rem) {
    .card {
      padding: 0.9rem;
    }
    .toolbar sb-field,
    .toolbar tf-zone-picker {
      max-width: none;
    }
  }
`;
