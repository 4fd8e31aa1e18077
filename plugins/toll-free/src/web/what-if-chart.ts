import { LitElement, baseStyles, css, defineElement, html, pageStyles, svg } from '@switchboard/sdk/web';

export interface ComparedBar {
  label: string;
  actual: number;
  draft: number;
}

const count = new Intl.NumberFormat();

/**
 * Calls per destination, two bars each: what happened and what the plan would do. Horizontal bars
 * in SVG (attributes, which the portal's CSP allows, where inline styles it does not), labels and
 * figures as text beside them, so it reads at a phone's width; each figure is also said in words
 * for assistive technology.
 */
export class WhatIfChart extends LitElement {
  static override properties = {
    bars: { attribute: false },
    label: {},
    draftName: { attribute: 'draft-name' },
  };

  bars: ComparedBar[] = [];
  label = 'Calls per destination';
  /** What the second bar is ("Version 3 (draft)"). */
  draftName = 'This version';

  static override styles = [
    baseStyles,
    pageStyles,
    css`
      figure {
        margin: 0;
      }
      figcaption {
        font-family: var(--sb-font-family-heading);
        font-weight: 700;
        margin-bottom: 0.5rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        list-style: none;
        padding: 0;
        margin: 0 0 0.75rem;
        font-size: 0.875rem;
      }
      .swatch {
        width: 0.9rem;
        height: 0.9rem;
        margin-inline-end: 0.35rem;
        vertical-align: -0.1rem;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: minmax(6rem, 12rem) 1fr;
        gap: 0.6rem 1rem;
        align-items: center;
      }
      dt {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      dd {
        margin: 0;
        display: grid;
        gap: 0.2rem;
      }
      .line {
        display: grid;
        grid-template-columns: 1fr 4rem;
        gap: 0.5rem;
        align-items: center;
        font-variant-numeric: tabular-nums;
      }
      .line span {
        text-align: end;
      }
      svg.bar {
        display: block;
        width: 100%;
        height: 0.9rem;
      }
      .track {
        fill: var(--sb-color-surface-alt);
      }
      .actual {
        fill: var(--sb-color-chart-1);
      }
      .draft {
        fill: var(--sb-color-chart-2);
      }
      @media (max-width: 40rem) {
        dl {
          grid-template-columns: 1fr;
        }
        dt {
          margin-top: 0.4rem;
        }
      }
    `,
  ];

  override render() {
    const most = Math.max(1, ...this.bars.flatMap((bar) => [bar.actual, bar.draft]));
    return html`<figure>
      <figcaption>${this.label}</figcaption>
      <ul class="legend" aria-hidden="true">
        <li>${this.swatch('actual')}What happened</li>
        <li>${this.swatch('draft')}${this.draftName}</li>
      </ul>
      <dl>
        ${this.bars.map(
          (bar) => html`<dt>${bar.label}</dt>
            <dd>
              ${this.line('actual', 'What happened', bar.actual, most)} ${this.line('draft', this.draftName, bar.draft, most)}
            </dd>`,
        )}
      </dl>
    </figure>`;
  }

  private line(kind: 'actual' | 'draft', name: string, value: number, most: number) {
    return html`<div class="line ${kind}-line">
      <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect class="track" x="0" y="0" width="100" height="10"></rect>
        ${value > 0 ? svg`<rect class=${kind} x="0" y="0" width=${Math.max(0.5, (value / most) * 100)} height="10"></rect>` : ''}
      </svg>
      <span><span class="visually-hidden">${name}: </span>${count.format(value)}</span>
    </div>`;
  }

  private swatch(kind: 'actual' | 'draft') {
    return html`<svg class="swatch" viewBox="0 0 10 10"><rect class=${kind} width="10" height="10"></rect></svg>`;
  }
}

defineElement('tf-what-if-chart', WhatIfChart);

declare global {
  interface HTMLElementTagNameMap {
    'tf-what-if-chart': WhatIfChart;
  }
}
