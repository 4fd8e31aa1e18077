import type { EventBus, Logger } from '@switchboard/sdk';
import type { StoredCall } from './call-rows.js';
import type { CallStore } from './call-store.js';
import { publishCommitted } from './publish.js';

interface CommittedBatch {
  calls: readonly StoredCall[];
  outboxId: number;
}

/**
 * Publishes committed batches on the bus after their commit, in commit order, without holding up
 * the sender's answer: a 2xx says the records are committed, which they are before this starts,
 * and their outbox row stays until they are published (the relay publishes what a stopped process
 * left). Each round of work publishes every batch waiting, then forgets their outbox rows in one
 * statement, so a busy ingest does not queue one delete per batch on the database's connection.
 */
export class CommittedPublisher {
  private waiting: CommittedBatch[] = [];
  private round: Promise<void> | null = null;

  constructor(
    private readonly calls: CallStore,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Queues a committed batch for publication; returns at once. */
  publish(calls: readonly StoredCall[], outboxId: number): void {
    this.waiting.push({ calls, outboxId });
    this.round ??= this.publishWaiting();
  }

  /** Resolves once every batch queued so far is published or left to the relay: before the database closes. */
  async drained(): Promise<void> {
    while (this.round) await this.round;
  }

  private async publishWaiting(): Promise<void> {
    try {
      while (this.waiting.length) {
        const batches = this.waiting;
        this.waiting = [];
        const published: number[] = [];
        for (const batch of batches) if (await publishCommitted(this.events, this.logger, batch.calls)) published.push(batch.outboxId);
        await this.calls.published(published);
      }
    } catch (error) {
      // The rows stay in the outbox: the relay publishes them (again, under the same event ids).
      this.logger.error({ err: error }, 'forgetting published outbox rows failed; the relay publishes them again');
    } finally {
      this.round = null;
      if (this.waiting.length) this.round = this.publishWaiting();
    }
  }
}
