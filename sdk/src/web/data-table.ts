import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { define } from './define.js';
import { cellText, compareValues, type CellValue } from './sort.js';
import { baseStyles } from './styles.js';
import './empty-state.js';

export interface Column<Row> {
  /** The row property shown, and the column's id. */
  key: string;
  label: string;
  /** Default true. */
  sortable?: boolean;
  /** 'end' for numbers and amounts. */
  align?: 'start' | 'end';
  /** Keep the cell on one line (dates, amounts, ids). */
  nowrap?: boolean;
  /** What the cell sorts and filters by; default `row[key]`. */
  value?: (row: Row) => CellValue;
  /** What the cell shows; default the value as text (dates in the user's locale). */
  render?: (row: Row) => TemplateResult | string | number;
}

export type SortDirection = 'ascending' | 'descending';

/**
 * A table of rows with sorting by column, a text filter and paging, all in the browser. Real table
 * semantics (caption, scoped headers, aria-sort on the sorted column); sort controls are buttons
 * inside the headers, so the keyboard reaches them; the range shown is announced politely.
 */
export class SbDataTable<Row extends object = Record<string, unknown>> extends LitElement {
  static override properties = {
    columns: { attribute: false },
    rows: { attribute: false },
    caption: {},
    pageSize: { type: Number, attribute: 'page-size' },
    filterable: { type: Boolean },
    loading: { type: Boolean },
    emptyHeading: { attribute: 'empty-heading' },
    emptyMessage: { attribute: 'empty-message' },
    sortKey: { attribute: 'sort-key' },
    sortDirection: { attribute: 'sort-direction' },
    filter: { state: true },
    page: { state: true },
  };

  columns: Column<Row>[] = [];
  rows: Row[] = [];
  /** The table's accessible name, shown above it. */
  caption = '';
  pageSize = 10;
  filterable = false;
  loading = false;
  emptyHeading = 'Nothing here yet';
  emptyMessage = '';
  sortKey?: string;
  sortDirection: SortDirection = 'ascending';
  protected filter = '';
  protected page = 0;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: end;
        gap: 0.75rem;
        margin-bottom: 0.75rem;
      }
      .filter {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        font-size: 0.875rem;
        color: var(--sb-color-text-muted);
      }
      .filter input {
        font: inherit;
        font-size: 1rem;
        color: var(--sb-color-text);
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        padding: 0.45rem 0.6rem;
        min-width: 14rem;
      }
      .scroll {
        overflow-x: auto;
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface);
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      caption {
        text-align: start;
        font-family: var(--sb-font-family-heading);
        font-weight: 700;
        padding: 0.75rem 1rem;
      }
      th,
      td {
        padding: 0.6rem 1rem;
        text-align: start;
        border-top: 1px solid var(--sb-color-border);
        vertical-align: top;
      }
      thead th {
        background: var(--sb-color-surface-alt);
        font-size: 0.875rem;
        white-space: nowrap;
      }
      .end {
        text-align: end;
      }
      .nowrap {
        white-space: nowrap;
      }
      /* On a narrow screen the region scrolls sideways rather than squeezing cells to a word a line. */
      td {
        min-width: 7rem;
      }
      tbody tr:hover {
        background: var(--sb-color-surface-alt);
      }
      th button {
        font: inherit;
        font-weight: 700;
        color: inherit;
        background: none;
        border: 0;
        padding: 0.15rem 0.25rem;
        margin: -0.15rem -0.25rem;
        border-radius: var(--sb-radius);
        cursor: pointer;
        display: inline-flex;
        gap: 0.35rem;
        align-items: center;
      }
      .arrow {
        opacity: 0.35;
        font-size: 0.75em;
      }
      th[aria-sort] .arrow {
        opacity: 1;
        color: var(--sb-color-primary);
      }
      .pager {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.75rem;
        margin-top: 0.75rem;
        color: var(--sb-color-text-muted);
        font-size: 0.875rem;
      }
      .pager .buttons {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .pager button {
        font: inherit;
        color: var(--sb-color-text);
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        padding: 0.35rem 0.75rem;
        cursor: pointer;
      }
      .pager button[aria-disabled='true'] {
        opacity: 0.5;
        cursor: not-allowed;
      }
    `,
  ];

  /** Rows after filter and sort, before paging. */
  get visibleRows(): Row[] {
    const needle = this.filter.trim().toLocaleLowerCase();
    let rows = this.rows;
    if (needle) {
      rows = rows.filter((row) =>
        this.columns.some((c) => cellText(this.cellValue(row, c)).toLocaleLowerCase().includes(needle)),
      );
    }
    const column = this.columns.find((c) => c.key === this.sortKey);
    if (column) {
      const sign = this.sortDirection === 'descending' ? -1 : 1;
      // Array.prototype.sort is stable, so equal cells keep the order the rows came in.
      rows = [...rows].sort((a, b) => sign * compareValues(this.cellValue(a, column), this.cellValue(b, column)));
    }
    return rows;
  }

  override render() {
    const rows = this.visibleRows;
    const pages = Math.max(1, Math.ceil(rows.length / this.pageSize));
    const page = Math.min(this.page, pages - 1);
    const first = page * this.pageSize;
    const shown = rows.slice(first, first + this.pageSize);
    return html`
      <div class="toolbar">
        ${this.filterable
          ? html`<label class="filter"
              >Filter ${this.caption.toLocaleLowerCase() || 'rows'}
              <input type="search" .value=${this.filter} @input=${this.onFilter} autocomplete="off"
            /></label>`
          : html`<span></span>`}
        <slot name="actions"></slot>
      </div>
      <div class="scroll" role="region" aria-labelledby="caption" tabindex="0">
        <table aria-busy=${this.loading ? 'true' : 'false'}>
          <caption id="caption">${this.caption}</caption>
          <thead>
            <tr>
              ${this.columns.map((c) => this.renderHeader(c))}
            </tr>
          </thead>
          <tbody>
            ${shown.length
              ? shown.map(
                  (row) => html`<tr>
                    ${this.columns.map((c) => html`<td class=${cellClass(c)}>${this.renderCell(row, c)}</td>`)}
                  </tr>`,
                )
              : html`<tr>
                  <td colspan=${this.columns.length || 1}>${this.renderEmpty()}</td>
                </tr>`}
          </tbody>
        </table>
      </div>
      <div class="pager">
        <span role="status">${this.rangeText(first, shown.length, rows.length)}</span>
        ${pages > 1
          ? html`<div class="buttons">
              <button type="button" aria-disabled=${page === 0 ? 'true' : 'false'} @click=${() => this.goTo(page - 1, pages)}>
                Previous page
              </button>
              <span>Page ${page + 1} of ${pages}</span>
              <button type="button" aria-disabled=${page >= pages - 1 ? 'true' : 'false'} @click=${() => this.goTo(page + 1, pages)}>
                Next page
              </button>
            </div>`
          : nothing}
      </div>
    `;
  }

  private renderHeader(column: Column<Row>) {
    const sorted = column.key === this.sortKey;
    const cls = column.align === 'end' ? 'end' : '';
    if (column.sortable === false) return html`<th scope="col" class=${cls}>${column.label}</th>`;
    const arrow = sorted ? (this.sortDirection === 'ascending' ? '▲' : '▼') : '↕';
    // aria-sort only on the sorted column: "none" on every other one is noise to a screen reader.
    return sorted
      ? html`<th scope="col" class=${cls} aria-sort=${this.sortDirection}>${this.sortButton(column, arrow)}</th>`
      : html`<th scope="col" class=${cls}>${this.sortButton(column, arrow)}</th>`;
  }

  private sortButton(column: Column<Row>, arrow: string) {
    return html`<button type="button" @click=${() => this.sortBy(column.key)}>
      ${column.label}<span class="arrow" aria-hidden="true">${arrow}</span>
    </button>`;
  }

  private renderCell(row: Row, column: Column<Row>) {
    if (column.render) return column.render(row);
    const value = this.cellValue(row, column);
    return value instanceof Date ? value.toLocaleString() : cellText(value);
  }

  private renderEmpty() {
    if (this.loading) return html`<p>Loading…</p>`;
    if (this.rows.length && this.filter)
      return html`<sb-empty-state heading="No matches" message=${`Nothing matches “${this.filter}”.`}></sb-empty-state>`;
    return html`<sb-empty-state heading=${this.emptyHeading} message=${this.emptyMessage}><slot name="empty"></slot></sb-empty-state>`;
  }

  private rangeText(first: number, count: number, total: number): string {
    if (this.loading) return 'Loading…';
    if (!total) return '';
    const of = this.filter ? `${total} matching` : `${total}`;
    return `Showing ${first + 1}–${first + count} of ${of}`;
  }

  /** Sorts by the column, or flips the direction when it is already the sort column. */
  sortBy(key: string) {
    if (this.sortKey === key) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortKey = key;
      this.sortDirection = 'ascending';
    }
    this.page = 0;
    this.dispatchEvent(new CustomEvent('sb-sort', { detail: { key: this.sortKey, direction: this.sortDirection } }));
  }

  // The pager buttons are aria-disabled rather than disabled at either end, so the keyboard focus
  // stays on them instead of falling back to the top of the page.
  private goTo(page: number, pages: number) {
    if (page >= 0 && page < pages) this.page = page;
  }

  private onFilter(event: Event) {
    this.filter = (event.target as HTMLInputElement).value;
    this.page = 0;
  }

  private cellValue(row: Row, column: Column<Row>): CellValue {
    return column.value ? column.value(row) : ((row as Record<string, unknown>)[column.key] as CellValue);
  }
}

function cellClass(column: Column<never>): string {
  return [column.align === 'end' ? 'end' : '', column.nowrap ? 'nowrap' : ''].join(' ').trim();
}

define('sb-data-table', SbDataTable);

declare global {
  interface HTMLElementTagNameMap {
    'sb-data-table': SbDataTable;
  }
}
