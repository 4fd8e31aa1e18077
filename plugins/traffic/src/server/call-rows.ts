import type { CallRecord, Direction, Disposition, Service } from '../cdr/call-record.js';

/** A call once the ingest has attributed it: its tenant is known. */
export type AttributedCall = CallRecord & { tenantId: string };

/**
 * A call as committed: with the surrogate id traffic_calls gave it, which only grows, so the live
 * stream can name its events by it and a reconnecting client resume after the last one it saw.
 */
export type StoredCall = AttributedCall & { id: number };

/** A row of traffic_calls. */
export interface CallRow {
  id?: number | string;
  source: string;
  source_id: string;
  tenant_id: string;
  service: Service;
  direction: Direction;
  calling_number: string | null;
  dialed_number: string;
  origin_npa: string | null;
  origin_state: string | null;
  origin_country: string | null;
  origin_time_zone: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string;
  duration_seconds: number;
  billable_seconds: number;
  disposition: Disposition;
  release_cause: number | null;
  destination: string | null;
  routing_plan_id: string | null;
  routing_plan_version: number | null;
  call_center: string | null;
  trunk: string | null;
  received_at: string;
}

export function toCallRow(call: AttributedCall, receivedAt: string): CallRow {
  return {
    source: call.source,
    source_id: call.sourceId,
    tenant_id: call.tenantId,
    service: call.service,
    direction: call.direction,
    calling_number: call.callingNumber,
    dialed_number: call.dialedNumber,
    origin_npa: call.origin?.npa ?? null,
    origin_state: call.origin?.state ?? null,
    origin_country: call.origin?.country ?? null,
    origin_time_zone: call.origin?.timeZone ?? null,
    started_at: call.startedAt,
    answered_at: call.answeredAt,
    ended_at: call.endedAt,
    duration_seconds: call.durationSeconds,
    billable_seconds: call.billableSeconds,
    disposition: call.disposition,
    release_cause: call.releaseCause,
    destination: call.destination,
    routing_plan_id: call.routingPlanId,
    routing_plan_version: call.routingPlanVersion,
    call_center: call.callCenter,
    trunk: call.trunk,
    received_at: receivedAt,
  };
}

export function fromCallRow(row: CallRow): AttributedCall {
  return {
    source: row.source,
    sourceId: row.source_id,
    tenantId: row.tenant_id,
    service: row.service,
    direction: row.direction,
    callingNumber: row.calling_number,
    dialedNumber: row.dialed_number,
    // Only a known country makes an origin (originOf gives none without one).
    origin: row.origin_npa && row.origin_country
      ? { npa: row.origin_npa, state: row.origin_state, country: row.origin_country, timeZone: row.origin_time_zone }
      : null,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationSeconds: Number(row.duration_seconds),
    billableSeconds: Number(row.billable_seconds),
    disposition: row.disposition,
    releaseCause: row.release_cause === null ? null : Number(row.release_cause),
    destination: row.destination,
    routingPlanId: row.routing_plan_id,
    routingPlanVersion: row.routing_plan_version === null ? null : Number(row.routing_plan_version),
    callCenter: row.call_center,
    trunk: row.trunk,
  };
}
