import { Q850 } from '../cdr/release-causes.js';
import type { RouteAnswer } from '../routing/call-router.js';
import { exponential, uniform, type Random } from './random.js';
import type { Arrival, SimulatedCall } from './simulated-call.js';
import type { SimulatedDestination } from './simulated-destination.js';

/** Q.850 causes the simulated network releases calls with, beyond the ones the categories turn on. */
export const CAUSE = {
  NO_ROUTE_TO_DESTINATION: 3,
  NETWORK_OUT_OF_ORDER: 38,
} as const;

/** Seconds from seizure to a busy tone, a failure or a refusal: the caller hears it almost at once. */
const SETUP_SECONDS: readonly [number, number] = [0.3, 1.5];
/** Seconds an answered call rings before an agent picks up. */
const RING_SECONDS: readonly [number, number] = [2, 6];
/** Share of offered calls that ring without an answer until the caller hangs up. */
export const NO_ANSWER_SHARE = 0.03;
/** How long an announcement (final treatment) plays before the network releases the call. */
const ANNOUNCEMENT_SECONDS: readonly [number, number] = [6, 12];
/** Mean talk time of calls sent beyond the simulated network (a SIP URI, a terminating number), whose capacity is not modelled. */
const EXTERNAL_HANDLE_SECONDS = 180;

/**
 * What becomes of one call, given where the route sends it: the outcome, its times and its release
 * cause, and the agent it holds at its destination. Busy, failed and blocked calls end within a
 * second or two of their arrival, so an incident shows on the next tick.
 *
 * - a destination of the customer's: down -> failed (38, network out of order); every agent on a
 *   call -> busy (17); otherwise it rings, and either an agent answers and talks for an exponential
 *   handle time (mean handleSeconds), or, for NO_ANSWER_SHARE of calls, nobody answers and the
 *   caller hangs up while it rings (no-answer, 19). The agent is held from the first ring to the end.
 * - a destination id the customer does not have, or no route at all -> failed (3, no route).
 * - a SIP URI or terminating number -> answered beyond the simulated network.
 * - an announcement -> blocked (final treatment) after it plays, released normally (16).
 * - block -> blocked, 21 (call rejected by this network).
 */
export function placeCall(arrival: Arrival, route: RouteAnswer | null, destinations: ReadonlyMap<string, SimulatedDestination>, random: Random): SimulatedCall {
  const start = arrival.atMs;
  const plan = route?.plan ?? null;
  const setupEnd = () => start + uniform(random, SETUP_SECONDS[0], SETUP_SECONDS[1]) * 1000;
  const unanswered = (disposition: SimulatedCall['disposition'], releaseCause: number, endedAtMs: number, destination: string | null, callCenter: string | null): SimulatedCall => ({
    ...arrival, answeredAtMs: null, endedAtMs, disposition, releaseCause, destination, callCenter, plan,
  });
  const answered = (answeredAtMs: number, handleSeconds: number, destination: string, callCenter: string | null): SimulatedCall => ({
    ...arrival,
    answeredAtMs,
    // At least a second of talk: an answered call with no billable time would count as answered in ASR but say nothing.
    endedAtMs: answeredAtMs + Math.max(1, exponential(random, handleSeconds)) * 1000,
    disposition: 'answered',
    releaseCause: Q850.NORMAL_CLEARING,
    destination,
    callCenter,
    plan,
  });

  if (!route) return unanswered('failed', CAUSE.NO_ROUTE_TO_DESTINATION, setupEnd(), null, null);
  const { action } = route;
  switch (action.kind) {
    case 'block':
      return unanswered('blocked', Q850.CALL_REJECTED, setupEnd(), null, null);
    case 'announcement':
      return unanswered('blocked', Q850.NORMAL_CLEARING, start + uniform(random, ANNOUNCEMENT_SECONDS[0], ANNOUNCEMENT_SECONDS[1]) * 1000, null, null);
    case 'sip':
      return answered(start + uniform(random, RING_SECONDS[0], RING_SECONDS[1]) * 1000, EXTERNAL_HANDLE_SECONDS, action.uri, route.callCenter ?? null);
    case 'number':
      return answered(start + uniform(random, RING_SECONDS[0], RING_SECONDS[1]) * 1000, EXTERNAL_HANDLE_SECONDS, action.number, route.callCenter ?? null);
    case 'destination': {
      const destination = destinations.get(action.destinationId);
      if (!destination) return unanswered('failed', CAUSE.NO_ROUTE_TO_DESTINATION, setupEnd(), action.destinationId, route.callCenter ?? null);
      const callCenter = route.callCenter ?? (destination.callCenter ? destination.id : null);
      if (!destination.up) return unanswered('failed', CAUSE.NETWORK_OUT_OF_ORDER, setupEnd(), destination.id, callCenter);
      const ringEnd = start + uniform(random, RING_SECONDS[0], RING_SECONDS[1]) * 1000;
      const call =
        random() < NO_ANSWER_SHARE
          ? unanswered('no-answer', Q850.NO_ANSWER, ringEnd, destination.id, callCenter)
          : answered(ringEnd, destination.handleSeconds, destination.id, callCenter);
      if (!destination.trySeize(start, call.endedAtMs)) return unanswered('busy', Q850.USER_BUSY, setupEnd(), destination.id, callCenter);
      return call;
    }
    default:
      // A router answering with an action this network does not know: it cannot connect the call.
      return unanswered('failed', CAUSE.NO_ROUTE_TO_DESTINATION, setupEnd(), null, null);
  }
}
