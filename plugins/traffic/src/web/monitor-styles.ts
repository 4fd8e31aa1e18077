import { css } from '@switchboard/sdk/web';

/** The monitor's layout: tiles and charts in grids that fold to one column on a phone; stale marks in the theme's warning colours. */
export const monitorStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem 1.25rem;
  }
  .controls sb-field {
    margin-bottom: 0;
    flex: 1 1 12rem;
    max-width: 18rem;
  }
  .connection {
    margin: 0 0 0.5rem auto;
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font-weight: 600;
  }
  .dot {
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: var(--sb-color-text-muted);
  }
  .connection.open .dot {
    background: var(--sb-color-success);
  }
  .connection.lost .dot {
    background: var(--sb-color-danger);
  }
  .banner {
    border: 2px solid var(--sb-color-warning);
    background: var(--sb-color-warning-bg);
    color: var(--sb-color-text);
    border-radius: var(--sb-radius-large);
    padding: 0.9rem 1.1rem;
  }
  .banner.connection-lost {
    border-color: var(--sb-color-danger);
    background: var(--sb-color-danger-bg);
  }
  .banner p {
    margin: 0;
  }
  .banner strong {
    display: block;
    font-size: 1.1rem;
    margin-bottom: 0.2rem;
  }
  .section-heading {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem 0.75rem;
  }
  .badge {
    font-size: 0.8rem;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding: 0.15rem 0.5rem;
    border-radius: var(--sb-radius);
    border: 1px solid var(--sb-color-warning);
    color: var(--sb-color-warning);
    background: var(--sb-color-warning-bg);
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 7.25rem), 1fr));
    gap: 0.75rem;
    margin: 0;
  }
  .tile {
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius-large);
    box-shadow: var(--sb-shadow);
    padding: 0.75rem 1rem;
  }
  .tile dt {
    color: var(--sb-color-text-muted);
    font-size: 0.875rem;
    font-weight: 600;
  }
  .tile dd {
    margin: 0.25rem 0 0;
    font-family: var(--sb-font-family-heading);
    font-size: 1.6rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .tile.alarm dd {
    color: var(--sb-color-danger);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr));
    gap: 1rem;
  }
  .charts .card {
    min-width: 0;
    padding: 1rem;
  }
  .note {
    font-size: 0.875rem;
    margin: 0.5rem 0 0;
  }
  .stale .tile,
  .stale .card {
    border: 2px dashed var(--sb-color-warning);
    background: var(--sb-color-warning-bg);
  }
  .stale sb-chart,
  .stale .tile dd {
    opacity: 0.55;
  }
  @media (max-width: 40rem) {
    .card {
      padding: 0.9rem;
    }
    .controls sb-field {
      max-width: none;
    }
    .connection {
      margin-left: 0;
    }
  }
`;
