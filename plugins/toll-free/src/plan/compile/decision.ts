import type { ActionNode } from '../model.js';

/** What the network asks about a call (the SCP query): the routing engine's input. */
export interface RoutingQuery {
  /** The toll-free number dialed, E.164. */
  dialedNumber: string;
  /** The caller's number (ANI), E.164; null or anything not a NANP number (withheld, foreign) takes `other` at origin nodes. */
  callingNumber: string | null;
  /** When the call arrives. */
  at: Date;
  /** The call's id (SIP Call-ID or the switch's own): percent nodes draw from it, so the same call always goes the same way. */
  callId: string;
  /** The originating LATA as the switch knows it (3 digits); without it LATA nodes take `other`. */
  originLata?: string | null;
}

/** One decision taken: the node, and the branch by index or `other`. */
export interface PathStep {
  readonly nodeId: string;
  readonly branch: number | 'other';
}

export interface RoutingDecision {
  /** The action node the call reached (route, announce or block), as the plan has it. */
  readonly action: Readonly<ActionNode>;
  /** The decisions taken from the root, in order. */
  readonly path: readonly PathStep[];
}
