import { css, html, nothing } from '@switchboard/sdk/web';
import type { Scope } from './api.js';
import type { EntitlementMatrix } from './entitlement-matrix.js';
import { formatNumber } from './format.js';

const scopeShort = (scope: Scope) => (scope === '*' ? 'All' : scope.length === 1 ? formatNumber(scope[0]!) : `${scope.length} resources`);

/**
 * The entitlement matrix as a table: a row per user, a column per entitlement anyone holds, and in
 * each cell what the user may reach under it and through which role. Scrolls sideways on its own
 * (a focusable region, so the keyboard can scroll it) rather than squeezing the page.
 */
export function matrixView(matrix: EntitlementMatrix) {
  if (!matrix.rows.length) return html`<p class="muted">No users yet.</p>`;
  return html`<div class="matrix" role="region" aria-labelledby="matrix-heading" tabindex="0">
    <table>
      <caption class="visually-hidden">
        What each user may do: a row per user, a column per entitlement
      </caption>
      <thead>
        <tr>
          <th scope="col">User</th>
          ${matrix.columns.map((column) => html`<th scope="col"><span class="plugin">${column.split(':')[0]}</span> ${column.split(':')[1]}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${matrix.rows.map(
          (row) => html`<tr class=${row.active ? '' : 'inactive'}>
            <th scope="row">${row.user.name}${row.active ? nothing : html`<br /><span class="muted">can do nothing now (${row.user.status})</span>`}</th>
            ${row.cells.map((cell) =>
              cell
                ? html`<td class="held">
                    <span class="scope">${scopeShort(cell.scope)}</span>
                    <span class="via">via ${[...new Set(cell.sources.map((s) => s.roleName))].join(', ')}</span>
                  </td>`
                : html`<td class="none"><span aria-hidden="true">—</span><span class="visually-hidden">no</span></td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export const matrixStyles = css`
  /* Positioned, so what is hidden for screen readers only (absolutely placed) scrolls with the table, not out of the page. */
  .matrix {
    position: relative;
    overflow-x: auto;
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius);
  }
  .matrix table {
    border-collapse: collapse;
    font-size: 0.85rem;
  }
  .matrix th,
  .matrix td {
    padding: 0.45rem 0.6rem;
    border-bottom: 1px solid var(--sb-color-border);
    text-align: start;
    vertical-align: top;
  }
  .matrix thead th {
    background: var(--sb-color-surface-alt);
    white-space: nowrap;
    font-weight: 600;
  }
  .matrix thead .plugin {
    display: block;
    color: var(--sb-color-text-muted);
    font-weight: 400;
    font-size: 0.75rem;
  }
  .matrix tbody th {
    position: sticky;
    left: 0;
    background: var(--sb-color-surface);
    white-space: nowrap;
    z-index: 1;
  }
  .matrix td.held {
    background: var(--sb-color-success-bg);
  }
  .matrix td.held .scope {
    display: block;
    font-weight: 700;
    color: var(--sb-color-success);
    white-space: nowrap;
  }
  .matrix td .via {
    color: var(--sb-color-text-muted);
    font-size: 0.75rem;
    white-space: nowrap;
  }
  .matrix td.none {
    color: var(--sb-color-text-muted);
    text-align: center;
  }
  .matrix tr.inactive td.held {
    background: var(--sb-color-surface-alt);
  }
`;
