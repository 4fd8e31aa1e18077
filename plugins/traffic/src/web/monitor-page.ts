import {
  ApiClientError,
  LitElement,
  defineElement,
  html,
  nothing,
  pageStyles,
  type ChartSeries,
  type FieldOption,
  type ShellServices,
} from '@switchboard/sdk/web';
import { formatMeasure, groupLabel } from './call-display.js';
import { latestCallColumns } from './call-columns.js';
import { callsPerMinute, ratiosPerMinute, topGroupsPerMinute, windowRange } from './chart-data.js';
import { headlineOf, type Headline } from './headline.js';
import { LiveFeed } from './live-feed.js';
import { groupKeyOf, LiveTraffic, type Baseline, type MonitorFilter } from './live-traffic.js';
import { monitorStyles } from './monitor-styles.js';
import type { StreamPosition } from './stream-position.js';
import { trafficStatus, type ConnectionState, type TrafficStatus } from './traffic-staleness.js';
import { GROUP_DIMENSIONS, type GroupDimension, type MonitorCall, type SummaryAnswer } from './traffic-answers.js';
import './simulator-panel.js';

const WINDOWS: readonly FieldOption[] = [
  { value: '15', label: 'Last 15 minutes' },
  { value: '60', label: 'Last hour' },
  { value: '360', label: 'Last 6 hours' },
];

const DIMENSION_TITLES: Readonly<Record<GroupDimension, string>> = {
  dialedNumber: 'Calls per minute by dialed number',
  destination: 'Calls per minute by destination',
  callCenter: 'Calls per minute by call center',
};

/** The latest calls read when the page opens. */
const LATEST_CALLS_READ = 50;

/** Live calls are drawn at most this often: each is in the charts well within two seconds. */
const REDRAW_MS = 250;

const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const count = new Intl.NumberFormat();

interface ChartSet {
  calls: ChartSeries[];
  ratios: ChartSeries[];
  groups: { dimension: GroupDimension; series: ChartSeries[] }[];
}

/**
 * The real-time monitor (`#/traffic`): headline figures, calls per minute, ASR and NER and the
 * busiest numbers, destinations and call centers over a window, and the latest calls, all moving
 * as calls end. It reads the summary and the latest calls once the live stream is open, then folds
 * the stream's calls in (LiveTraffic); it marks itself stale when calls stop arriving or the stream
 * breaks.
 */
export class TrafficMonitorPage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    quietAfterMs: { type: Number, attribute: 'quiet-after-ms' },
    windowMinutes: { state: true },
    filter: { state: true },
    connection: { state: true },
    loadError: { state: true },
    now: { state: true },
    version: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  /**
   * How long without a call counts as traffic stopped; unset, it is derived from the recent rhythm
   * of calls (quietThresholdMs). For demonstrations and tests that cannot wait minutes.
   */
  quietAfterMs: number | null = null;
  protected windowMinutes = 15;
  protected filter: MonitorFilter = {};
  protected connection: ConnectionState = 'connecting';
  protected loadError = '';
  protected now = Date.now();
  /** Bumped when the traffic changes, to redraw. */
  protected version = 0;

  /** What is shown; not ready until its baseline is read. */
  private traffic = new LiveTraffic();
  /** A model waiting for its baseline while `traffic` stays shown (after a reconnect). */
  private incoming: LiveTraffic | null = null;
  /** Every group seen, for the filters' choices. */
  private readonly known = new Map<GroupDimension, Set<string>>(GROUP_DIMENSIONS.map((dimension) => [dimension, new Set<string>()]));
  /** Set once the server turned `groupBy` down: groups are then counted from the calls. */
  private groupByUnsupported = false;
  private feed?: LiveFeed;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private redraw: ReturnType<typeof setTimeout> | undefined;
  private charts: { traffic: LiveTraffic; key: string; set: ChartSet } | null = null;

  static override styles = [pageStyles, monitorStyles];

  override connectedCallback() {
    super.connectedCallback();
    this.feed = new LiveFeed('/api/traffic/live', {
      onOpen: () => {
        this.connection = 'open';
        // Whatever the stream missed while it was down is in what is read now.
        this.rebaseline(true);
      },
      onLost: () => (this.connection = 'lost'),
      onCall: (call, position) => this.onCall(call, position),
    });
    this.feed.start();
    this.ticker = setInterval(() => (this.now = Date.now()), 1_000);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.feed?.stop();
    clearInterval(this.ticker);
    clearTimeout(this.redraw);
  }

  private onCall(call: MonitorCall, position: StreamPosition) {
    const at = Date.now();
    for (const dimension of GROUP_DIMENSIONS) this.known.get(dimension)!.add(groupKeyOf(call, dimension));
    this.incoming?.receive(call, at, position);
    if (this.traffic.receive(call, at, position)) this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.now = Date.now();
      this.version++;
    }, REDRAW_MS);
  }

  /**
   * Starts a model for the current window and filter and reads its baseline once the stream is
   * open (calls committed before then would otherwise be missed). `keepShown` leaves the current
   * one on screen meanwhile, for a reconnect; a new filter or window shows the loading state.
   */
  private rebaseline(keepShown: boolean) {
    const next = new LiveTraffic(this.filter);
    if (keepShown && this.traffic.ready) this.incoming = next;
    else {
      this.traffic = next;
      this.incoming = null;
      this.version++;
    }
    if (this.connection === 'open') void this.load(next);
  }

  private async load(next: LiveTraffic) {
    try {
      const baseline = await this.readBaseline(next.filter);
      if (next !== this.traffic && next !== this.incoming) return;
      next.applyBaseline(baseline);
      this.traffic = next;
      this.incoming = null;
      this.loadError = '';
    } catch (error) {
      if (next !== this.traffic && next !== this.incoming) return;
      this.loadError = error instanceof ApiClientError ? error.message : 'The traffic could not be read.';
    }
    this.now = Date.now();
    this.version++;
  }

  private async readBaseline(filter: MonitorFilter): Promise<Baseline> {
    const api = this.shell!.api;
    const { from } = windowRange(Date.now(), this.windowMinutes);
    const query = { granularity: 'minute', from: new Date(from).toISOString(), dialedNumber: filter.dialedNumber };
    const [summary, latest, ...grouped] = await Promise.all([
      api.get<SummaryAnswer>('/api/traffic/summary', { query }),
      api.get<{ calls: MonitorCall[] }>('/api/traffic/calls', { query: { limit: LATEST_CALLS_READ, from: query.from, dialedNumber: filter.dialedNumber } }),
      ...GROUP_DIMENSIONS.map((groupBy) => this.readGroups(query, groupBy)),
    ]);
    const groups: Baseline['groups'] = {};
    const groupsThrough: Baseline['groupsThrough'] = {};
    GROUP_DIMENSIONS.forEach((dimension, at) => {
      const answer = grouped[at];
      if (!answer?.groups) return;
      groups[dimension] = answer.groups;
      groupsThrough[dimension] = answer.throughCallId;
      for (const group of answer.groups) this.known.get(dimension)!.add(group.key);
    });
    for (const call of latest.calls) for (const dimension of GROUP_DIMENSIONS) this.known.get(dimension)!.add(groupKeyOf(call, dimension));
    return { summary, calls: latest.calls, groups, groupsThrough };
  }

  /** The summary grouped by a dimension, or undefined where the server does not group (then the calls are grouped here). */
  private async readGroups(query: Record<string, string | undefined>, groupBy: GroupDimension): Promise<SummaryAnswer | undefined> {
    if (this.groupByUnsupported) return undefined;
    try {
      return await this.shell!.api.get<SummaryAnswer>('/api/traffic/summary', { query: { ...query, groupBy } });
    } catch (error) {
      if (error instanceof ApiClientError && error.status === 400 && error.fields.some((field) => field.field.endsWith('groupBy'))) {
        this.groupByUnsupported = true;
        return undefined;
      }
      throw error;
    }
  }

  override render() {
    const traffic = this.traffic;
    const { from, to } = windowRange(this.now, this.windowMinutes);
    const status: TrafficStatus = traffic.ready
      ? trafficStatus({ arrivals: traffic.arrivalTimes, connection: this.connection, now: this.now, thresholdMs: this.quietAfterMs })
      : this.connection === 'lost' ? { kind: 'stale-connection', lastCall: null } : { kind: 'live' };
    const stale = status.kind !== 'live';
    return html`<div class="stack">
      ${this.renderControls()} ${this.renderBanner(status)}
      ${this.loadError
        ? html`<sb-error-state heading="The traffic could not be read" message=${this.loadError} retryable @sb-retry=${() => this.rebaseline(false)}></sb-error-state>`
        : nothing}
      <section aria-labelledby="headline-heading" aria-busy=${traffic.ready ? 'false' : 'true'} class=${stale ? 'stale' : ''}>
        <h2 id="headline-heading" class="section-heading">
          ${WINDOWS.find((w) => w.value === String(this.windowMinutes))!.label}${stale ? html`<span class="badge">Not live</span>` : nothing}
        </h2>
        ${this.renderTiles(traffic.ready ? headlineOf(traffic.series, traffic.arrivalTimes, from, Math.min(to, this.now + 1)) : null)}
      </section>
      <section aria-labelledby="charts-heading" aria-busy=${traffic.ready ? 'false' : 'true'} class=${stale ? 'stale' : ''}>
        <h2 id="charts-heading" class="section-heading">Per minute${stale ? html`<span class="badge">Not live</span>` : nothing}</h2>
        ${traffic.ready ? this.renderCharts(this.chartSet(from, to), from, to) : html`<p class="muted">Loading the traffic…</p>`}
      </section>
      <section class="card" aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest calls</h2>
        <sb-data-table
          caption="Latest calls in the window, the last to end first"
          .columns=${latestCallColumns}
          .rows=${traffic.latestCalls.filter((call) => Date.parse(call.startedAt) >= from)}
          sort-key="endedAt"
          sort-direction="descending"
          page-size="10"
          ?loading=${!traffic.ready}
          empty-heading="No calls yet"
          empty-message="Calls appear here as they end."
        ></sb-data-table>
      </section>
      ${this.shell?.can('traffic:simulator.write') ? html`<traffic-simulator-panel .shell=${this.shell}></traffic-simulator-panel>` : nothing}
    </div>`;
  }

  private renderControls() {
    const places: FieldOption[] = [{ value: '', label: 'All destinations' }];
    for (const dimension of ['callCenter', 'destination'] as const) {
      for (const key of [...this.known.get(dimension)!].filter(Boolean).sort()) {
        places.push({ value: `${dimension}:${key}`, label: `${dimension === 'callCenter' ? 'Call center' : 'Destination'} ${groupLabel(dimension, key)}` });
      }
    }
    const numbers: FieldOption[] = [{ value: '', label: 'All numbers' }, ...[...this.known.get('dialedNumber')!].sort().map((key) => ({ value: key, label: groupLabel('dialedNumber', key) }))];
    const place = this.filter.place ? `${this.filter.place.dimension}:${this.filter.place.key}` : '';
    const connection = { connecting: 'Connecting…', open: 'Live', lost: 'Reconnecting…' }[this.connection];
    return html`<section class="card" aria-label="What the monitor shows">
      <div class="controls">
        <sb-field type="select" name="window" label="Time window" .options=${WINDOWS} value=${String(this.windowMinutes)} @change=${this.onWindow}></sb-field>
        <sb-field type="select" name="dialedNumber" label="Dialed number" .options=${numbers} value=${this.filter.dialedNumber ?? ''} @change=${this.onNumber}></sb-field>
        <sb-field type="select" name="place" label="Destination or call center" .options=${places} value=${place} @change=${this.onPlace}></sb-field>
        <p class="connection ${this.connection}" role="status"><span class="dot" aria-hidden="true"></span>${connection}</p>
      </div>
    </section>`;
  }

  private renderBanner(status: TrafficStatus) {
    if (status.kind === 'live') return nothing;
    const last = status.lastCall === null ? 'No call has arrived yet.' : `The last call arrived at ${clockTime.format(status.lastCall)}.`;
    if (status.kind === 'stale-connection') {
      return html`<div class="banner connection-lost" role="alert">
        <p><strong>The live connection is lost.</strong> Reconnecting… What you see may be behind. ${last}</p>
      </div>`;
    }
    return html`<div class="banner" role="alert">
      <p>
        <strong>Traffic has stopped arriving.</strong> ${last} No call for over ${describeSpan(status.thresholdMs)} is longer than this
        traffic usually goes without one.
      </p>
    </div>`;
  }

  private renderTiles(headline: Headline | null) {
    const tile = (label: string, value: string, alarm = false) =>
      html`<div class="tile ${alarm ? 'alarm' : ''}"><dt>${label}</dt><dd>${headline ? value : '—'}</dd></div>`;
    const h = headline;
    return html`<dl class="tiles">
      ${tile('Calls', count.format(h?.attempts ?? 0))} ${tile('Calls in the last minute', count.format(h?.callsLastMinute ?? 0))}
      ${tile('ASR', formatMeasure(h?.asr ?? null, '%'))} ${tile('ACD', formatMeasure(h?.acdSeconds ?? null, 's'))}
      ${tile('NER', formatMeasure(h?.ner ?? null, '%'))} ${tile('Blocked', count.format(h?.blocked ?? 0), (h?.blocked ?? 0) > 0)}
      ${tile('Failed', count.format(h?.failed ?? 0), (h?.failed ?? 0) > 0)}
    </dl>`;
  }

  /** Every chart spans the whole window, so a quiet start of it reads as quiet rather than as a shorter axis. */
  private renderCharts(set: ChartSet, from: number, to: number) {
    const place = this.filter.place;
    const wholeAccount = place ? html`<p class="note muted">For all destinations${this.filter.dialedNumber ? ' of this number' : ''}.</p>` : nothing;
    return html`<div class="charts">
      <div class="card"><sb-chart label="Calls per minute" unit="calls" .series=${set.calls} .from=${from} .to=${to}></sb-chart></div>
      <div class="card"><sb-chart label="ASR and NER per minute" unit="%" .series=${set.ratios} .from=${from} .to=${to} .valueFormat=${(v: number) => v.toFixed(0)}></sb-chart></div>
      ${set.groups.map(
        (group) => html`<div class="card">
          <sb-chart label=${DIMENSION_TITLES[group.dimension]} unit="calls" .series=${group.series} .from=${from} .to=${to}></sb-chart>
          ${wholeAccount}
        </div>`,
      )}
    </div>`;
  }

  /** The charts' series, recomputed when the traffic or the minute changes rather than every second. */
  private chartSet(from: number, to: number): ChartSet {
    // Keyed on the model's revision, not the page's redraws: tiles and charts never disagree.
    const key = `${this.traffic.revision}|${from}|${to}`;
    const traffic = this.traffic;
    if (this.charts?.traffic === traffic && this.charts.key === key) return this.charts.set;
    traffic.dropBefore(windowRange(this.now, 360).from);
    const set: ChartSet = {
      calls: callsPerMinute(traffic.series, from, to),
      ratios: ratiosPerMinute(traffic.series, from, to),
      groups: GROUP_DIMENSIONS.map((dimension) => ({
        dimension,
        series: topGroupsPerMinute(traffic.groupsOf(dimension), from, to, (key) => groupLabel(dimension, key)),
      })),
    };
    this.charts = { traffic, key, set };
    return set;
  }

  private onWindow(event: Event) {
    this.windowMinutes = Number((event.target as HTMLInputElement).value);
    this.rebaseline(false);
  }

  private onNumber(event: Event) {
    const value = (event.target as HTMLInputElement).value;
    this.filter = { ...this.filter, dialedNumber: value || undefined };
    this.rebaseline(false);
  }

  private onPlace(event: Event) {
    const value = (event.target as HTMLInputElement).value;
    const [dimension, ...key] = value.split(':');
    this.filter = { ...this.filter, place: value ? { dimension: dimension as 'destination' | 'callCenter', key: key.join(':') } : undefined };
    this.rebaseline(false);
  }
}

/** "1 minute", "90 seconds", "5 minutes": how long a threshold is, as people say it. */
function describeSpan(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.round(seconds / 60)} minutes`;
}

defineElement('traffic-monitor', TrafficMonitorPage);
