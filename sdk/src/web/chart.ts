import { LitElement, css, html, nothing, svg } from 'lit';
import { DAY, linear, niceTicks, timeFormat, timeTicks } from './chart-scale.js';
import { define } from './define.js';
import { baseStyles } from './styles.js';
import './empty-state.js';

export interface ChartPoint {
  time: Date | number | string;
  value: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

const PALETTE = 5; // --sb-color-chart-1 ... -5, repeated beyond
const DASHES = ['', '6 4', '2 3', '10 3 2 3'];
const MARGIN = { top: 12, right: 16, bottom: 30 };

/**
 * A time-series chart drawn in SVG: one or more series as lines (or bars), a time axis and a value
 * axis with round ticks, and a tooltip that follows the pointer or the arrow keys. For assistive
 * technology it is one focusable image named by `label`, described by a summary of each series, with
 * the values announced as the keys move and the full data in a visually hidden table.
 */
export class SbChart extends LitElement {
  static override properties = {
    series: { attribute: false },
    label: {},
    variant: {},
    height: { type: Number },
    unit: {},
    valueFormat: { attribute: false },
    from: { attribute: false },
    to: { attribute: false },
    width: { state: true },
    cursor: { state: true },
    announced: { state: true },
  };

  series: ChartSeries[] = [];
  /** The chart's accessible name, shown as its caption. */
  label = '';
  variant: 'line' | 'bar' = 'line';
  height = 240;
  /** What the values count ("calls", "Mbit/s"); used in the tooltip and the summary. */
  unit = '';
  valueFormat: (value: number) => string = (v) => new Intl.NumberFormat().format(v);
  /**
   * The period the time axis spans, when it is more than the data's own (a live chart's window,
   * before its first minutes have data); the axis still widens to any point outside it.
   */
  from?: Date | number | string;
  to?: Date | number | string;
  protected width = 0;
  /** Index into the chart's times of the highlighted moment, or null. */
  protected cursor: number | null = null;
  protected announced = '';

  private resizeObserver?: ResizeObserver;
  /** Derived from `series` once per change, not per render or pointer move: series can be long. */
  private times: number[] = [];
  private lookup: Map<number, number>[] = [];
  private momentFormat = new Intl.DateTimeFormat();
  private tooltipAt: { side: 'left' | 'right'; px: number } | null = null;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      figure {
        margin: 0;
      }
      figcaption {
        font-family: var(--sb-font-family-heading);
        font-weight: 700;
        margin-bottom: 0.5rem;
      }
      .plot {
        position: relative;
        border-radius: var(--sb-radius);
      }
      svg {
        display: block;
        overflow: visible;
      }
      .grid line {
        stroke: var(--sb-color-border);
        stroke-dasharray: 2 3;
      }
      .axis line {
        stroke: var(--sb-color-text-muted);
      }
      text {
        fill: var(--sb-color-text-muted);
        font-size: 12px;
        font-family: var(--sb-font-family);
      }
      .line {
        fill: none;
        stroke-width: 2.5;
        stroke-linejoin: round;
        stroke-linecap: round;
      }
      .cursor {
        stroke: var(--sb-color-text-muted);
        stroke-width: 1;
      }
      .dot {
        stroke: var(--sb-color-surface);
        stroke-width: 1.5;
      }
      .s0 { stroke: var(--sb-color-chart-1); }
      .s1 { stroke: var(--sb-color-chart-2); }
      .s2 { stroke: var(--sb-color-chart-3); }
      .s3 { stroke: var(--sb-color-chart-4); }
      .s4 { stroke: var(--sb-color-chart-5); }
      .f0 { fill: var(--sb-color-chart-1); }
      .f1 { fill: var(--sb-color-chart-2); }
      .f2 { fill: var(--sb-color-chart-3); }
      .f3 { fill: var(--sb-color-chart-4); }
      .f4 { fill: var(--sb-color-chart-5); }
      .tooltip {
        position: absolute;
        pointer-events: none;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        box-shadow: var(--sb-shadow-raised);
        padding: 0.4rem 0.6rem;
        font-size: 0.85rem;
        white-space: nowrap;
      }
      .tooltip strong {
        display: block;
        margin-bottom: 0.2rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        list-style: none;
        padding: 0;
        margin: 0.5rem 0 0;
        font-size: 0.875rem;
      }
      .swatch {
        display: inline-block;
        width: 0.9rem;
        height: 0.9rem;
        border-radius: 2px;
        margin-inline-end: 0.35rem;
        vertical-align: -0.1rem;
      }
      .swatch svg {
        width: 100%;
        height: 100%;
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    // The SVG is drawn at the pixel width it gets, so text stays its real size at any width.
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width && width !== this.width) this.width = width;
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  /**
   * The tooltip is placed through the CSSOM, not a style attribute: the portal's CSP
   * (style-src 'self') refuses inline style attributes, which is what a styleMap first renders.
   */
  protected override updated() {
    const tooltip = this.renderRoot.querySelector<HTMLElement>('.tooltip');
    if (!tooltip || !this.tooltipAt) return;
    tooltip.style.setProperty('top', `${MARGIN.top}px`);
    tooltip.style.setProperty(this.tooltipAt.side, `${this.tooltipAt.px}px`);
    tooltip.style.removeProperty(this.tooltipAt.side === 'left' ? 'right' : 'left');
  }

  protected override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('series')) return;
    const set = new Set<number>();
    this.lookup = this.series.map((s) => {
      const values = new Map<number, number>();
      for (const p of s.points) {
        const t = toTime(p.time);
        if (!Number.isFinite(t)) continue;
        values.set(t, p.value);
        set.add(t);
      }
      return values;
    });
    this.times = [...set].sort((a, b) => a - b);
    // Daily (or coarser) data at midnight reads as dates; finer data needs the time of day as well.
    const daily = (this.times.length < 2 || minGap(this.times) >= DAY) && this.times.every((t) => new Date(t).getHours() === 0 && new Date(t).getMinutes() === 0);
    this.momentFormat = new Intl.DateTimeFormat(
      undefined,
      daily ? { year: 'numeric', month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
    );
    if (this.cursor !== null && this.cursor >= this.times.length) this.cursor = null;
  }

  override render() {
    const times = this.times;
    if (!times.length) {
      return html`<figure>
        <figcaption>${this.label}</figcaption>
        <sb-empty-state heading="No data" message="There is nothing to chart for this period."></sb-empty-state>
      </figure>`;
    }
    return html`<figure>
      <figcaption id="caption">${this.label}</figcaption>
      <div
        class="plot"
        role="img"
        tabindex="0"
        aria-labelledby="caption"
        aria-describedby="summary"
        @pointermove=${this.onPointerMove}
        @pointerleave=${this.onPointerLeave}
        @keydown=${this.onKeydown}
        @focus=${this.onFocus}
        @blur=${() => (this.cursor = null)}
      >
        ${this.renderPlot(times)}
      </div>
      ${this.series.length > 1 ? this.renderLegend() : nothing}
      <p id="summary" class="visually-hidden">${this.summary(times)}</p>
      <p class="visually-hidden" aria-live="polite">${this.announced}</p>
      ${this.renderDataTable(times)}
    </figure>`;
  }

  private layout(times: number[]) {
    const width = this.width || 600;
    const values = this.series.flatMap((s) => s.points.map((p) => p.value)).filter(Number.isFinite);
    const integer = values.every(Number.isInteger);
    const y = niceTicks(Math.min(0, minOf(values)), maxOf(values), Math.max(2, Math.floor(this.height / 55)), integer);
    const labelWidth = maxOf(y.ticks.map((t) => this.valueFormat(t).length)) * 7 + 14;
    const left = Math.max(36, labelWidth);
    // Bars need half a step of room on either side of the first and last moment.
    const gap = minGap(times);
    const period = this.period();
    const pad = this.variant === 'bar' ? gap / 2 : times.length === 1 && !period ? DAY / 2 : 0;
    const start = Math.min(times[0]! - pad, period?.from ?? Infinity);
    const end = Math.max(times[times.length - 1]! + pad, period?.to ?? -Infinity);
    const x = linear(start, end, left, width - MARGIN.right);
    const yScale = linear(y.min, y.max, this.height - MARGIN.bottom, MARGIN.top);
    const xTicks = timeTicks(start, end, Math.max(2, Math.floor((width - left) / 90)));
    const barSlot = Math.abs(x(times[0]! + gap) - x(times[0]!));
    return { width, left, x, y: yScale, yTicks: y.ticks, xTicks, barSlot };
  }

  /** The `from`–`to` period as instants, or null unless both are set and in order. */
  private period(): { from: number; to: number } | null {
    if (this.from === undefined || this.to === undefined) return null;
    const from = toTime(this.from);
    const to = toTime(this.to);
    return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from, to } : null;
  }

  private renderPlot(times: number[]) {
    const { width, left, x, y, yTicks, xTicks, barSlot } = this.layout(times);
    const bottom = this.height - MARGIN.bottom;
    const format = new Intl.DateTimeFormat(undefined, timeFormat(xTicks.step));
    const cursorTime = this.cursor === null ? null : times[this.cursor]!;
    const barWidth = Math.max(2, Math.min(48, (barSlot * 0.7) / this.series.length));
    return html`<svg width=${width} height=${this.height} viewBox="0 0 ${width} ${this.height}" aria-hidden="true" focusable="false">
        <g class="grid">
          ${yTicks.map(
            (t) => svg`<line x1=${left} x2=${width - MARGIN.right} y1=${y(t)} y2=${y(t)}></line>
              <text x=${left - 8} y=${y(t)} dy="0.32em" text-anchor="end">${this.valueFormat(t)}</text>`,
          )}
        </g>
        <g class="axis">
          <line x1=${left} x2=${width - MARGIN.right} y1=${bottom} y2=${bottom}></line>
          ${xTicks.ticks.map(
            (t) => svg`<line x1=${x(t)} x2=${x(t)} y1=${bottom} y2=${bottom + 5}></line>
              <text x=${x(t)} y=${bottom + 18} text-anchor="middle">${format.format(t)}</text>`,
          )}
        </g>
        ${cursorTime !== null ? svg`<line class="cursor" x1=${x(cursorTime)} x2=${x(cursorTime)} y1=${MARGIN.top} y2=${bottom}></line>` : nothing}
        ${this.series.map((s, i) => {
          const points = s.points.map((p) => ({ t: toTime(p.time), v: p.value })).filter((p) => Number.isFinite(p.t)).sort((a, b) => a.t - b.t);
          const cls = i % PALETTE;
          if (this.variant === 'bar') {
            const offset = (i - (this.series.length - 1) / 2) * barWidth;
            return svg`${points.filter((p) => p.v !== 0).map((p) => {
              const top = Math.min(y(p.v), y(0));
              return svg`<rect class="f${cls}" x=${x(p.t) + offset - barWidth / 2} y=${top} width=${barWidth} height=${Math.max(1, Math.abs(y(0) - y(p.v)))} rx="2"
                opacity=${cursorTime === null || cursorTime === p.t ? 1 : 0.55}></rect>`;
            })}`;
          }
          const d = points.map((p, n) => `${n ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
          return svg`<path class="line s${cls}" d=${d} stroke-dasharray=${DASHES[i % DASHES.length] || 'none'}></path>
            ${points.map((p) => svg`<circle class="dot f${cls}" cx=${x(p.t)} cy=${y(p.v)} r=${p.t === cursorTime ? 5.5 : points.length > 60 ? 0 : 3}></circle>`)}`;
        })}
      </svg>
      ${cursorTime !== null ? this.renderTooltip(cursorTime, x(cursorTime), width) : nothing}`;
  }

  private renderTooltip(time: number, at: number, width: number) {
    // Flip to the left of the cursor past the middle so the tooltip never leaves the chart.
    this.tooltipAt = at > width / 2 ? { side: 'right', px: width - at + 10 } : { side: 'left', px: at + 10 };
    return html`<div class="tooltip" aria-hidden="true">
      <strong>${this.formatMoment(time)}</strong>
      ${this.series.map(
        (s, i) => html`<div>${this.swatch(i)}${s.name}: ${this.valueAt(s, time)}</div>`,
      )}
    </div>`;
  }

  private renderLegend() {
    return html`<ul class="legend" aria-hidden="true">
      ${this.series.map((s, i) => html`<li>${this.swatch(i)}${s.name}</li>`)}
    </ul>`;
  }

  private swatch(i: number) {
    return html`<span class="swatch"
      ><svg viewBox="0 0 10 10"><rect class="f${i % PALETTE}" width="10" height="10"></rect></svg
    ></span>`;
  }

  private renderDataTable(times: number[]) {
    // The wrapper is what is hidden: a table never gets shorter than its rows, so hiding the table
    // itself would still make the page taller by the height of all of them.
    return html`<div class="visually-hidden"><table>
      <caption>${this.label}: data</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          ${this.series.map((s) => html`<th scope="col">${s.name}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${times.map(
          (t) => html`<tr>
            <th scope="row">${this.formatMoment(t)}</th>
            ${this.series.map((s) => html`<td>${this.valueAt(s, t)}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private summary(times: number[]): string {
    const from = this.formatMoment(times[0]!);
    const to = this.formatMoment(times[times.length - 1]!);
    const unit = this.unit ? ` ${this.unit}` : '';
    const parts = this.series.map((s, i) => {
      const values = s.points.map((p) => p.value).filter(Number.isFinite);
      if (!values.length) return `${s.name}: no values.`;
      const latest = this.lookup[i]!.get(maxOf([...this.lookup[i]!.keys()]))!;
      const f = this.valueFormat;
      return `${s.name}: lowest ${f(minOf(values))}${unit}, highest ${f(maxOf(values))}${unit}, latest ${f(latest)}${unit}.`;
    });
    return `${times.length === 1 ? `At ${from}` : `From ${from} to ${to}`}. ${parts.join(' ')} Use the arrow keys to read each value.`;
  }

  private valueAt(series: ChartSeries, time: number): string {
    const value = this.lookup[this.series.indexOf(series)]?.get(time);
    return value === undefined ? 'no value' : `${this.valueFormat(value)}${this.unit ? ` ${this.unit}` : ''}`;
  }

  private formatMoment(time: number): string {
    return this.momentFormat.format(time);
  }

  private onPointerMove(event: PointerEvent) {
    const times = this.times;
    if (!times.length) return;
    const { x } = this.layout(times);
    const at = event.clientX - (event.currentTarget as HTMLElement).getBoundingClientRect().left;
    let best = 0;
    for (let i = 1; i < times.length; i++) if (Math.abs(x(times[i]!) - at) < Math.abs(x(times[best]!) - at)) best = i;
    this.cursor = best;
  }

  private onPointerLeave(event: PointerEvent) {
    if (this.shadowRoot?.activeElement !== event.currentTarget) this.cursor = null;
  }

  private onFocus() {
    if (this.cursor === null) this.moveTo(this.times.length - 1);
  }

  private onKeydown(event: KeyboardEvent) {
    const last = this.times.length - 1;
    const now = this.cursor ?? last;
    const next = { ArrowLeft: now - 1, ArrowRight: now + 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.moveTo(Math.max(0, Math.min(last, next)));
  }

  private moveTo(index: number) {
    const time = this.times[index];
    if (time === undefined) return;
    this.cursor = index;
    this.announced = `${this.formatMoment(time)}: ${this.series.map((s) => `${s.name} ${this.valueAt(s, time)}`).join(', ')}`;
  }
}

// Spreading a long series into Math.min/max overflows the call stack; these do not.
const minOf = (values: number[]) => values.reduce((a, b) => (b < a ? b : a), Infinity);
const maxOf = (values: number[]) => values.reduce((a, b) => (b > a ? b : a), -Infinity);

function toTime(time: Date | number | string): number {
  return time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
}

/** The smallest distance between consecutive moments: the width of one bar's slot. */
function minGap(times: number[]): number {
  let gap = Infinity;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i]! - times[i - 1]!);
  return Number.isFinite(gap) && gap > 0 ? gap : DAY;
}

define('sb-chart', SbChart);

declare global {
  interface HTMLElementTagNameMap {
    'sb-chart': SbChart;
  }
}
