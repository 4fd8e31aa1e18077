import type { CallRecord } from '../cdr/call-record.js';
import type { TrafficMeasures } from '../rollup/measures.js';
import type { RollupCounts } from '../rollup/rollup-row.js';

// What the monitor reads from the traffic API, as the plugin's routes answer it (src/server/schemas.ts).

/** A call as GET /calls and the live stream's `call` events carry it. */
export type MonitorCall = CallRecord & { tenantId: string };

/** Counts with their measures, as the summary answers a bucket or a total. */
export type CountsAnswer = RollupCounts & Omit<TrafficMeasures, 'attempts'>;

export type BucketAnswer = CountsAnswer & { start: string };

/** The groupings the summary answers with `groupBy`, and the monitor charts. */
export const GROUP_DIMENSIONS = ['dialedNumber', 'destination', 'callCenter'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/** One group of a grouped summary: a dialed number, destination or call center ('' when the calls had none). */
export interface GroupAnswer {
  key: string;
  buckets: BucketAnswer[];
  total: CountsAnswer;
}

/** GET /summary; `groups` only when asked with `groupBy`. */
export interface SummaryAnswer {
  granularity: 'minute' | 'hour' | 'day';
  from: string;
  to: string;
  buckets: BucketAnswer[];
  total: CountsAnswer;
  groups?: GroupAnswer[];
  /** The greatest call id the sums include, read with them (optional only for answers from before it was added). */
  throughCallId?: number;
}

/** GET /simulator. */
export interface SimulatorState {
  running: boolean;
  tickMilliseconds: number;
  customers: SimulatedCustomer[];
}

export interface SimulatedCustomer {
  tenantId: string;
  callsPerMinute: number;
  profileFactor: number;
  destinations: SimulatedDestination[];
}

export interface SimulatedDestination {
  id: string;
  name: string;
  callCenter: boolean;
  agents: number;
  handleSeconds: number;
  up: boolean;
  busyAgents: number;
}
