import type { CallRecordInput } from '../cdr/call-record.js';
import { inferService } from '../cdr/infer-service.js';
import type { SimulatedCall } from './simulated-call.js';

/** The source name of every simulated record; the call id is its source id. */
export const SIMULATOR_SOURCE = 'simulator';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The canonical record of a call that ended, as a switch would send it: whole seconds rounded as
 * the ingest's own check derives them (so duration and billable time agree with the times), the
 * outcome, cause, destination, call center and the plan that routed it.
 */
export function simulatedRecord(call: SimulatedCall): CallRecordInput {
  return {
    source: SIMULATOR_SOURCE,
    sourceId: call.callId,
    service: inferService(call.dialedNumber, 'inbound'),
    direction: 'inbound',
    callingNumber: call.callingNumber,
    dialedNumber: call.dialedNumber,
    startedAt: iso(call.atMs),
    answeredAt: call.answeredAtMs === null ? null : iso(call.answeredAtMs),
    endedAt: iso(call.endedAtMs),
    durationSeconds: Math.round((call.endedAtMs - call.atMs) / 1000),
    billableSeconds: call.answeredAtMs === null ? 0 : Math.round((call.endedAtMs - call.answeredAtMs) / 1000),
    disposition: call.disposition,
    releaseCause: call.releaseCause,
    destination: call.destination,
    routingPlanId: call.plan?.id ?? null,
    routingPlanVersion: call.plan?.version ?? null,
    callCenter: call.callCenter,
    trunk: null,
  };
}
