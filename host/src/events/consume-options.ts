import type { ConsumeOptions } from '@switchboard/sdk';

/** The SDK's documented defaults, applied the same way by every bus. */
export const DEFAULT_ACK_WAIT_MS = 30_000;

export function withConsumeDefaults(options: ConsumeOptions = {}): Required<ConsumeOptions> {
  const ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
  if (!Number.isFinite(ackWaitMs) || ackWaitMs <= 0) throw new Error(`ackWaitMs must be a positive number of milliseconds, not ${ackWaitMs}`);
  return { from: options.from ?? 'all', ackWaitMs };
}
