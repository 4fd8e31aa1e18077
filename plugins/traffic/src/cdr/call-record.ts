import type { CallOrigin } from '../reference/call-origin.js';

export const SERVICES = ['toll-free', 'outbound', 'call-center', 'other'] as const;
export type Service = (typeof SERVICES)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The portal's call categories (domain spec §5.2); every report and measure counts by these. */
export const DISPOSITIONS = ['answered', 'busy', 'no-answer', 'failed', 'blocked'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * The canonical call detail record: what every ingest format becomes, what storage keeps, what
 * the live stream, the monitor, alarms, reports and billing read. Times are ISO 8601 in UTC with
 * milliseconds (`2024-03-01T14:15:02.000Z`), so they sort as text; numbers are E.164.
 */
export interface CallRecord {
  /** The feed that sent the record: a switch, a proxy, an uploaded file's equipment, the simulator. */
  source: string;
  /** The record's id at its source. Source and source id together are unique: a record sent twice is one call. */
  sourceId: string;
  /** The customer the call belongs to. Not sent by the network: the ingest attributes it from the numbers' owner. */
  tenantId: string | null;
  service: Service;
  direction: Direction;
  /** The calling number (ANI); null when withheld or not delivered. */
  callingNumber: string | null;
  dialedNumber: string;
  /** Derived from the calling number's area code; null when not NANP, unknown or non-geographic. */
  origin: CallOrigin | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  /** Whole seconds from start to end. */
  durationSeconds: number;
  /** Whole seconds from answer to end; 0 for a call never answered. */
  billableSeconds: number;
  disposition: Disposition;
  /** The Q.850 release cause (1-127) when the equipment reports one. */
  releaseCause: number | null;
  /** Where the call was sent: a routing number, a trunk group or a destination label. */
  destination: string | null;
  /** The routing plan, and its version, that chose the destination. */
  routingPlanId: string | null;
  routingPlanVersion: number | null;
  callCenter: string | null;
  trunk: string | null;
}

/** The fields a sender may give: everything but what Switchboard derives (origin) or attributes (tenantId). */
export type CallRecordInput = Omit<CallRecord, 'tenantId' | 'origin'>;
