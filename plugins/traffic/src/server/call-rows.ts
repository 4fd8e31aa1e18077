import type { CallRecord, Direction, Disposition, Service } from '../cdr/call-record.js';
import type { BulkColumn } from './bulk-statement.js';

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

/** The columns an ingest writes, and their types, in the order callValues gives their values. */
export const CALL_COLUMNS: readonly (BulkColumn & { name: keyof CallRow })[] = [
  { name: 'source', type: 'text' },
  { name: 'source_id', type: 'text' },
  { name: 'tenant_id', type: 'text' },
  { name: 'service', type: 'text' },
  { name: 'direction', type: 'text' },
  { name: 'calling_number', type: 'text' },
  { name: 'dialed_number', type: 'text' },
  { name: 'origin_npa', type: 'text' },
  { name: 'origin_state', type: 'text' },
  { name: 'origin_country', type: 'text' },
  { name: 'origin_time_zone', type: 'text' },
  { name: 'started_at', type: 'text' },
  { name: 'answered_at', type: 'text' },
  { name: 'ended_at', type: 'text' },
  { name: 'duration_seconds', type: 'integer' },
  { name: 'billable_seconds', type: 'integer' },
  { name: 'disposition', type: 'text' },
  { name: 'release_cause', type: 'integer' },
  { name: 'destination', type: 'text' },
  { name: 'routing_plan_id', type: 'text' },
  { name: 'routing_plan_version', type: 'integer' },
  { name: 'call_center', type: 'text' },
  { name: 'trunk', type: 'text' },
  { name: 'received_at', type: 'text' },
];

/** A call's row for a bulk insert: its values in CALL_COLUMNS' order, absent optional fields as null. */
export function callValues(call: AttributedCall, receivedAt: string): unknown[] {
  const origin = call.origin;
  return [
    call.source,
    call.sourceId,
    call.tenantId,
    call.service,
    call.direction,
    call.callingNumber ?? null,
    call.dialedNumber,
    origin?.npa ?? null,
    origin?.state ?? null,
    origin?.country ?? null,
    origin?.timeZone ?? null,
    call.startedAt,
    call.answeredAt ?? null,
    call.endedAt,
    call.durationSeconds,
    call.billableSeconds,
    call.disposition,
    call.releaseCause ?? null,
    call.destination ?? null,
    call.routingPlanId ?? null,
    call.routingPlanVersion ?? null,
    call.callCenter ?? null,
    call.trunk ?? null,
    receivedAt,
  ];
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
