import { minuteCountsOf } from './call-counts.js';
import { MinuteSeries } from './minute-series.js';
import { isAfterSummary, type StreamPosition } from './stream-position.js';
import { GROUP_DIMENSIONS, type GroupAnswer, type GroupDimension, type MonitorCall, type SummaryAnswer } from './traffic-answers.js';

/** A destination or call center the monitor is narrowed to. */
export interface PlaceFilter {
  dimension: 'destination' | 'callCenter';
  key: string;
}

/** What the monitor shows: all the caller's calls, or one dialed number's, or one place's. */
export interface MonitorFilter {
  dialedNumber?: string;
  place?: PlaceFilter;
}

/** What the page reads when it opens (or its window or filter changes), with the dialed-number filter applied by the server. */
export interface Baseline {
  summary: SummaryAnswer;
  /** The summary grouped per dimension, where the server answers `groupBy`. */
  groups: Partial<Record<GroupDimension, GroupAnswer[]>>;
  /** The greatest call id each grouped summary includes (each is its own read, so its own snapshot). */
  groupsThrough?: Partial<Record<GroupDimension, number>>;
  /** The latest calls, as GET /calls answers them. */
  calls: MonitorCall[];
}

/** Rows the latest-calls table keeps. */
export const LATEST_CALLS_KEPT = 100;

/** A call's group in a dimension: '' for calls without one, as the rollups key them. */
export const groupKeyOf = (call: MonitorCall, dimension: GroupDimension): string => call[dimension] ?? '';

/** Source and source id name one call for good (the store keeps one row per pair). */
const callKeyOf = (call: MonitorCall): string => JSON.stringify([call.source, call.sourceId]);

const endedAt = (call: MonitorCall) => Date.parse(call.endedAt);

/** What a call is counted into: the total, or the groups of one dimension. */
type Tally = 'total' | GroupDimension;
const TALLIES: readonly Tally[] = ['total', ...GROUP_DIMENSIONS];

/**
 * The monitor's model: per-minute counts in total and per group, the latest calls and when calls
 * arrived, folded together from what the page read when it opened and the live stream since.
 *
 * Nothing is counted twice or missed. The page opens the live stream first and then reads the
 * summaries, each of which says the greatest call id it includes (`throughCallId`, read in the
 * same snapshot as its sums): a streamed call, whenever it came, is counted on top of a summary
 * exactly when that summary leaves it out (isAfterSummary, by the call's place in the stream).
 * Calls the page only reads (the latest calls) go into the table, never into the counts. Each call
 * is counted once per total or dimension by its source and source id, so a call sent again (a
 * reconnect) changes nothing.
 *
 * A summary without `throughCallId`, or a call without its place in the stream, is judged the old
 * way: a call streamed before the summary answered is taken to be in it, a later one not, unless
 * the page already had it.
 */
export class LiveTraffic {
  private total = new MinuteSeries();
  private readonly groups = new Map<GroupDimension, Map<string, MinuteSeries>>();
  /** Calls received before the baseline, with when and where in the stream; null once it is in. */
  private pending: { call: MonitorCall; at: number; position?: StreamPosition }[] | null = [];
  /** The greatest call id each summary includes, by what it counts; a tally missing here has none. */
  private through = new Map<Tally, number>();
  /** The dimensions whose groups come from a grouped summary; the others are counted from the calls the page has. */
  private summarised = new Set<GroupDimension>();
  /** Calls counted into each tally (`tally key` → start minute, to forget them when it leaves every window). */
  private readonly counted = new Map<string, number>();
  /** Calls the page has (listed or streamed), by key, with their start minute. */
  private readonly seen = new Map<string, number>();
  private latest: MonitorCall[] = [];
  private arrivals: number[] = [];
  private changes = 0;

  constructor(readonly filter: MonitorFilter = {}) {
    for (const dimension of GROUP_DIMENSIONS) this.groups.set(dimension, new Map());
  }

  /** Grows with every change to what the monitor shows: views derived from it are current while it stays. */
  get revision(): number {
    return this.changes;
  }

  /** Whether the baseline is in, so the counts mean something. */
  get ready(): boolean {
    return this.pending === null;
  }

  /**
   * A call from the live stream, received at `at` (ms), with its place in the stream. True when it
   * changed what the monitor shows.
   */
  receive(call: MonitorCall, at: number, position?: StreamPosition): boolean {
    if (!this.inView(call)) return false;
    if (this.pending) {
      this.pending.push({ call, at, position });
      return false;
    }
    const changed = this.fold(call, at, position, true);
    if (changed) this.changes++;
    return changed;
  }

  /** What the page read, answered after the stream was open. */
  applyBaseline(baseline: Baseline): void {
    const early = this.pending ?? [];
    this.pending = null;
    this.total = MinuteSeries.fromBuckets(baseline.summary.buckets);
    this.through = new Map();
    if (baseline.summary.throughCallId !== undefined) this.through.set('total', baseline.summary.throughCallId);
    this.summarised = new Set(GROUP_DIMENSIONS.filter((dimension) => baseline.groups[dimension]));
    for (const dimension of GROUP_DIMENSIONS) {
      const byKey = new Map<string, MinuteSeries>();
      this.groups.set(dimension, byKey);
      for (const group of baseline.groups[dimension] ?? []) byKey.set(group.key, MinuteSeries.fromBuckets(group.buckets));
      const through = baseline.groupsThrough?.[dimension];
      if (through !== undefined) this.through.set(dimension, through);
    }
    for (const call of baseline.calls) if (this.inView(call)) this.fold(call, endedAt(call), undefined, false);
    for (const { call, at, position } of early) this.fold(call, at, position, false);
    this.changes++;
  }

  /**
   * Counts a call into every tally that does not have it yet and should (the summaries' where they
   * leave it out, the dimensions grouped here when the call is new to the page), and lists it when
   * new. `streamed` tells a call from the stream after the baseline from one read or held before.
   */
  private fold(call: MonitorCall, at: number, position: StreamPosition | undefined, streamed: boolean): boolean {
    const key = callKeyOf(call);
    const isNew = !this.seen.has(key);
    let changed = false;
    const { minute, counts } = minuteCountsOf(call);
    for (const tally of TALLIES) {
      const include = tally === 'total' || this.summarised.has(tally) ? this.leftOutOfSummary(tally, position, streamed && isNew) : isNew;
      if (!include || this.counted.has(`${tally} ${key}`)) continue;
      this.counted.set(`${tally} ${key}`, minute);
      (tally === 'total' ? this.total : this.groupSeries(tally, groupKeyOf(call, tally))).add(minute, counts);
      changed = true;
    }
    if (isNew) {
      this.seen.set(key, minute);
      this.remember(call, at);
      changed = true;
    }
    return changed;
  }

  /** Whether a summary leaves the call out: by its id when both are known, else `otherwise` (the old rule). */
  private leftOutOfSummary(tally: Tally, position: StreamPosition | undefined, otherwise: boolean): boolean {
    const through = this.through.get(tally);
    return through === undefined || position === undefined ? otherwise : isAfterSummary(position, through);
  }

  /** Per-minute counts of what the filter selects: everything, or one place's. */
  get series(): MinuteSeries {
    const place = this.filter.place;
    return place ? (this.groups.get(place.dimension)!.get(place.key) ?? new MinuteSeries()) : this.total;
  }

  /** Per-minute counts per group of a dimension (within the dialed-number filter, not narrowed to a place). */
  groupsOf(dimension: GroupDimension): ReadonlyMap<string, MinuteSeries> {
    return this.groups.get(dimension)!;
  }

  /** The latest calls in view, the last to end first. */
  get latestCalls(): readonly MonitorCall[] {
    return this.latest;
  }

  /** When calls in view arrived (ms, ascending): as received, or as they ended for those read at the start. */
  get arrivalTimes(): readonly number[] {
    return this.arrivals;
  }

  /** Forgets what started before `from`, which no window shows any more. */
  dropBefore(from: number): void {
    this.total.dropBefore(from);
    for (const byKey of this.groups.values()) for (const series of byKey.values()) series.dropBefore(from);
    for (const known of [this.counted, this.seen]) for (const [key, minute] of known) if (minute < from) known.delete(key);
  }

  /** Whether the filter lets a call in (the dialed number is also filtered by the server on reading). */
  private inView(call: MonitorCall): boolean {
    return this.filter.dialedNumber === undefined || call.dialedNumber === this.filter.dialedNumber;
  }

  private matchesPlace(call: MonitorCall): boolean {
    const place = this.filter.place;
    return !place || groupKeyOf(call, place.dimension) === place.key;
  }

  private groupSeries(dimension: GroupDimension, key: string): MinuteSeries {
    const byKey = this.groups.get(dimension)!;
    let series = byKey.get(key);
    if (!series) {
      series = new MinuteSeries();
      byKey.set(key, series);
    }
    return series;
  }

  private remember(call: MonitorCall, at: number): void {
    if (!this.matchesPlace(call)) return;
    // A new array (the table redraws when it changes), with the call placed by when it ended.
    const ended = endedAt(call);
    let place = 0;
    while (place < this.latest.length && endedAt(this.latest[place]!) >= ended) place++;
    if (place < LATEST_CALLS_KEPT) this.latest = [...this.latest.slice(0, place), call, ...this.latest.slice(place, LATEST_CALLS_KEPT - 1)];
    insertSorted(this.arrivals, at);
    if (this.arrivals.length > ARRIVALS_KEPT) this.arrivals.splice(0, this.arrivals.length - ARRIVALS_KEPT);
  }
}

/** Arrival times kept for judging whether traffic stopped. */
const ARRIVALS_KEPT = 200;

function insertSorted(times: number[], time: number): void {
  let at = times.length;
  while (at > 0 && times[at - 1]! > time) at--;
  times.splice(at, 0, time);
}
