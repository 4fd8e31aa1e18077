/** However busy a number usually is, a minute without calls is not yet a sign that traffic stopped. */
export const QUIET_FLOOR_MS = 60_000;

/** Arrivals within this of each other are one delivery: a switch sending a batch, several calls ending at once. */
const SAME_DELIVERY_MS = 1_000;

/** How many of the latest deliveries the usual rhythm is judged from. */
const DELIVERIES_JUDGED = 50;

/** How much longer than the longest recent gap the silence must be. */
const GAP_FACTOR = 2;

/**
 * How long without a call means traffic has stopped arriving: twice the longest gap between the
 * latest deliveries, and at least a minute. Judged on the gaps up to the last call, not up to now,
 * so a silence does not lengthen its own threshold and hide itself. The longest gap, rather than the
 * mean, keeps a feed that sends calls in batches every five minutes from crying wolf between them;
 * for calls arriving at random (Poisson) the longest of 50 gaps is about 4.5 times the mean, so an
 * alarm waits about 9 mean gaps (a false alarm a few times in ten thousand). With fewer than two
 * deliveries the rhythm is unknown, and no silence is called a stop (null).
 */
export function quietThresholdMs(arrivals: readonly number[], floorMs = QUIET_FLOOR_MS): number | null {
  const deliveries: number[] = [];
  for (const at of arrivals) {
    const last = deliveries[deliveries.length - 1];
    if (last === undefined || at - last > SAME_DELIVERY_MS) deliveries.push(at);
  }
  const recent = deliveries.slice(-DELIVERIES_JUDGED);
  if (recent.length < 2) return null;
  let longest = 0;
  for (let i = 1; i < recent.length; i++) longest = Math.max(longest, recent[i]! - recent[i - 1]!);
  return Math.max(floorMs, GAP_FACTOR * longest);
}

/** The live connection as the page sees it. */
export type ConnectionState = 'connecting' | 'open' | 'lost';

/**
 * Whether the monitor is live: 'stale-connection' while the stream is down (whatever it shows may
 * be behind), 'stale-quiet' when calls stopped arriving for longer than the threshold, else 'live'.
 */
export type TrafficStatus = { kind: 'live' } | { kind: 'stale-connection'; lastCall: number | null } | { kind: 'stale-quiet'; lastCall: number; thresholdMs: number };

export interface StatusInput {
  arrivals: readonly number[];
  connection: ConnectionState;
  now: number;
  /** Overrides the threshold derived from the arrivals (for a demonstration or a test). */
  thresholdMs?: number | null;
  floorMs?: number;
}

export function trafficStatus({ arrivals, connection, now, thresholdMs, floorMs }: StatusInput): TrafficStatus {
  const lastCall = arrivals.length ? arrivals[arrivals.length - 1]! : null;
  if (connection === 'lost') return { kind: 'stale-connection', lastCall };
  const threshold = thresholdMs ?? quietThresholdMs(arrivals, floorMs);
  if (lastCall !== null && threshold !== null && now - lastCall > threshold) return { kind: 'stale-quiet', lastCall, thresholdMs: threshold };
  return { kind: 'live' };
}
