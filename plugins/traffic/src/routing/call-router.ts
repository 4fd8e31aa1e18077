/**
 * The routing interface the traffic plugin offers the plugins that come after it (Kibana-style:
 * the later plugin registers into the earlier one). The network side of Switchboard (today the
 * embedded simulator) asks it where each call goes; the toll-free plugin answers from the
 * customer's active routing plan by registering a CallRouter through the traffic contract:
 *
 *   ctx.contract<TrafficContract>('traffic').useCallRouter(router)
 */

import type { Disposition } from '../cdr/call-record.js';

/** One call as the network asks about it, before it is connected. */
export interface CallRouteQuery {
  /** The network's id of the call (the simulator's call id is also the CDR's sourceId). */
  callId: string;
  /** The customer owning the dialed number. */
  tenantId: string;
  /** E.164. */
  dialedNumber: string;
  /** E.164 calling number (ANI); null when withheld. */
  callingNumber: string | null;
  /** When the call arrived. */
  at: Date;
}

/** What the network does with the call. */
export type RouteAction =
  /** One of the customer's destinations by its id (the simulator's configured destinations, call centers among them). */
  | { kind: 'destination'; destinationId: string }
  /** A SIP URI beyond the simulated network (answered there; its capacity is not modelled). */
  | { kind: 'sip'; uri: string }
  /** A terminating telephone number, E.164 (a POTS routing number; not modelled either). */
  | { kind: 'number'; number: string }
  /** Play an announcement (final treatment) and release: reported as a blocked call. */
  | { kind: 'announcement'; announcement: string }
  /** Refuse the call by policy (area of service, a blocked origin): reported as blocked, Q.850 21. */
  | { kind: 'block' };

/** The routing plan, and its version, that chose an answer. */
export interface RoutingPlanRef {
  id: string;
  /** Whole number from 1. */
  version: number;
}

/** A router's answer for one call. */
export interface RouteAnswer {
  action: RouteAction;
  /** The call center the call goes to, when the destination is one; null or absent otherwise. */
  callCenter?: string | null;
  /** The plan and version that chose the action, for the CDR's routingPlanId and routingPlanVersion. */
  plan: RoutingPlanRef | null;
}

/**
 * Answers where calls go. `null` means "I have no routing for this number": the network takes
 * its default route. A router that throws or does not answer in time is treated the same way, so a
 * routing failure degrades to the default route rather than dropping calls.
 */
export interface CallRouter {
  route(query: CallRouteQuery): Promise<RouteAnswer | null>;
}

/**
 * A stored call as a what-if replay reads it: enough to route it again (who called which number,
 * when, under which call id) and to compare with what happened (where it went, how long it lasted).
 */
export interface ReplayCall {
  /** The network's id of the call (the CDR's sourceId): a percent draw on it falls as it did live. */
  callId: string;
  /** E.164. */
  dialedNumber: string;
  /** E.164, or null when withheld. */
  callingNumber: string | null;
  /** ISO 8601, UTC. */
  startedAt: string;
  /** Where the network sent it (a destination id, a number, a URI), or null (blocked, no route). */
  destination: string | null;
  /** The call center it reached, when one. */
  callCenter: string | null;
  /** From seizure to release, whole seconds. */
  durationSeconds: number;
  disposition: Disposition;
}

/** What the traffic plugin's setup returns: its contract for the plugins that require it. */
export interface TrafficContract {
  /** Registers the router every later call is asked about; a later registration replaces an earlier one. */
  useCallRouter(router: CallRouter): void;
  /**
   * A tenant's inbound calls to these numbers that started in [from, to) (ISO 8601), oldest first,
   * read page by page as the caller iterates: memory stays bounded however many there are, and a
   * caller that stops early reads no more. The caller has checked that its user may see them.
   */
  callsForReplay(tenantId: string, numbers: readonly string[], from: string, to: string): AsyncIterable<ReplayCall>;
  /**
   * The tenant the number registry (traffic_numbers: numbers given by completed orders, by
   * carrier staff, or to the simulator's demo customers) says owns a number, or null.
   */
  numberOwner(number: string): Promise<string | null>;
  /** The registry's numbers of these tenants, each with its owner, in tenant then number order. */
  numbersOf(tenants: readonly string[]): Promise<Array<{ number: string; tenantId: string }>>;
}
