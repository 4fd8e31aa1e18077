import { measuresOf, type TrafficMeasures } from '../rollup/measures.js';
import type { MinuteSeries } from './minute-series.js';

/** The monitor's headline figures over its window. */
export interface Headline extends TrafficMeasures {
  /** Calls that arrived (ended) in the last minute: what "now" looks like, moving with every call. */
  callsLastMinute: number;
  blocked: number;
  failed: number;
}

/** The headline of a series over [from, to), with the calls that arrived in the minute before `to`. */
export function headlineOf(series: MinuteSeries, arrivals: readonly number[], from: number, to: number): Headline {
  const counts = series.total(from, to);
  let callsLastMinute = 0;
  for (let i = arrivals.length - 1; i >= 0 && arrivals[i]! > to - 60_000; i--) if (arrivals[i]! <= to) callsLastMinute++;
  return { ...measuresOf(counts), callsLastMinute, blocked: counts.blocked, failed: counts.failed };
}
