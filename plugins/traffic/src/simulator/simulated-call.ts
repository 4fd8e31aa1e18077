import type { Disposition } from '../cdr/call-record.js';
import type { RoutingPlanRef } from '../routing/call-router.js';

/** A call arriving at the network, before it is routed. */
export interface Arrival {
  callId: string;
  tenantId: string;
  dialedNumber: string;
  callingNumber: string;
  /** Epoch ms. */
  atMs: number;
}

/** A call as it went (or will go, while in progress): what its CDR says once it ends. */
export interface SimulatedCall extends Arrival {
  answeredAtMs: number | null;
  endedAtMs: number;
  disposition: Disposition;
  /** Q.850. */
  releaseCause: number;
  destination: string | null;
  callCenter: string | null;
  plan: RoutingPlanRef | null;
}
