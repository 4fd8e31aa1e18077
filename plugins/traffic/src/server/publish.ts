import type { EventBus, Logger } from '@switchboard/sdk';
import type { CallRecord } from '../cdr/call-record.js';
import type { StoredCall } from './call-rows.js';

/** The subject of committed calls, for the live stream, the monitor, alarms and billing to subscribe to. */
export const CALLS_COMMITTED = 'traffic.calls.committed';

/** A committed call as published: attributed to its tenant, with its stored id (increasing, for resuming streams). */
export type CommittedCall = CallRecord & { tenantId: string; id: number };

/** One event of CALLS_COMMITTED: calls of one tenant, all committed, each published exactly once by the ingest. */
export interface CallsCommitted {
  tenantId: string;
  calls: CommittedCall[];
}

/**
 * Calls per event. An event travels as one JSON message, and JetStream refuses messages over its
 * payload limit (1 MiB by default); 500 calls are about 300 KB.
 */
const CALLS_PER_EVENT = 500;

/**
 * Publishes committed calls, per tenant, after their commit; true when every event went out. A
 * failure to publish is logged, not thrown: the calls are durable and acknowledged by then, and
 * their outbox row stays for the relay to publish them later (the same events, by the same ids,
 * so a bus that saw some of them drops the repeats within its window).
 */
export async function publishCommitted(events: EventBus, logger: Logger, committed: readonly StoredCall[]): Promise<boolean> {
  let allPublished = true;
  const byTenant = new Map<string, StoredCall[]>();
  for (const call of committed) {
    const calls = byTenant.get(call.tenantId);
    if (calls) calls.push(call);
    else byTenant.set(call.tenantId, [call]);
  }
  for (const [tenantId, calls] of byTenant) {
    for (let at = 0; at < calls.length; at += CALLS_PER_EVENT) {
      const piece = calls.slice(at, at + CALLS_PER_EVENT);
      // Each call is committed (hence published) once, so its first call names the event for good:
      // a bus that sees the id again within its window drops the repeat.
      const first = piece[0]!;
      const data: CallsCommitted = { tenantId, calls: piece };
      try {
        await events.publish(CALLS_COMMITTED, data, { id: `calls:${first.source}:${first.sourceId}` });
      } catch (error) {
        logger.error({ err: error, tenantId, calls: piece.length }, 'committed calls could not be published; the outbox relay tries again');
        allPublished = false;
      }
    }
  }
  return allPublished;
}
