import { minuteCountsOf } from './call-counts.js';
import { MinuteSeries } from './minute-series.js';
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

/**
 * The monitor's model: per-minute counts in total and per group, the latest calls and when calls
 * arrived, folded together from what the page read when it opened and the live stream since.
 *
 * Nothing is counted twice. The page opens the live stream first and reads the summary once it is
 * open, so every call committed after that is streamed. Calls streamed before the summary answered
 * committed before it was read (or while the request was under way), so it counts them: they are
 * held until the baseline comes, go into the table and the arrival times, but not into the
 * summary's counts again. From then on each call is counted once by its source and source id, which
 * also holds for a call the stream sends without an id (an out-of-order commit).
 */
export class LiveTraffic {
  private total = new MinuteSeries();
  private readonly groups = new Map<GroupDimension, Map<string, MinuteSeries>>();
  /** Calls received before the baseline, with when; null once it is in. */
  private pending: { call: MonitorCall; at: number }[] | null = [];
  /** Calls counted, by key, with their start minute (to forget them when it leaves every window). */
  private readonly counted = new Map<string, number>();
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

  /** A call from the live stream, received at `at` (ms). True when it changed what the monitor shows. */
  receive(call: MonitorCall, at: number): boolean {
    if (!this.inView(call)) return false;
    if (this.pending) {
      this.pending.push({ call, at });
      return false;
    }
    const key = callKeyOf(call);
    if (this.counted.has(key)) return false;
    const { minute, counts } = minuteCountsOf(call);
    this.counted.set(key, minute);
    this.total.add(minute, counts);
    for (const dimension of GROUP_DIMENSIONS) this.groupSeries(dimension, groupKeyOf(call, dimension)).add(minute, counts);
    this.remember(call, at);
    this.changes++;
    return true;
  }

  /** What the page read, answered after every call received so far had been sent. */
  applyBaseline(baseline: Baseline): void {
    const early = this.pending ?? [];
    this.pending = null;
    this.total = MinuteSeries.fromBuckets(baseline.summary.buckets);
    for (const dimension of GROUP_DIMENSIONS) {
      const byKey = new Map<string, MinuteSeries>();
      this.groups.set(dimension, byKey);
      for (const group of baseline.groups[dimension] ?? []) byKey.set(group.key, MinuteSeries.fromBuckets(group.buckets));
    }
    // Without a grouped summary, a dimension's groups are counted from the calls the page has.
    const countedFromCalls = GROUP_DIMENSIONS.filter((dimension) => !baseline.groups[dimension]);
    const calls = [...baseline.calls.filter((call) => this.inView(call)).map((call) => ({ call, at: endedAt(call) })), ...early];
    for (const { call, at } of calls) {
      const key = callKeyOf(call);
      if (this.counted.has(key)) continue;
      const { minute, counts } = minuteCountsOf(call);
      this.counted.set(key, minute);
      for (const dimension of countedFromCalls) this.groupSeries(dimension, groupKeyOf(call, dimension)).add(minute, counts);
      this.remember(call, at);
    }
    this.changes++;
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
    for (const [key, minute] of this.counted) if (minute < from) this.counted.delete(key);
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
