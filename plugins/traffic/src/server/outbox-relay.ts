import type { Clock, EventBus, Logger } from '@switchboard/sdk';
import type { CallStore } from './call-store.js';
import { publishCommitted } from './publish.js';

/** How old an outbox row must be before the relay takes it: older than any publish still under way. */
const SETTLE_MS = 30_000;
/** Batches a look takes at most; the next look takes the rest. */
const BATCHES_PER_LOOK = 50;

/**
 * Publishes the committed calls whose publication did not happen: their ingest's process stopped
 * between commit and publish, or the bus refused them. Looks at start and then every `intervalMs`;
 * several processes may look at once, and then an event may go out twice, which the bus's
 * deduplication by event id (and the consumers' own, by call id) absorbs: every committed call
 * reaches the bus at least once.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly calls: CallStore,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    const look = () => {
      this.running = this.relayOnce().catch((error: unknown) => this.logger.error({ err: error }, 'the outbox relay failed; it looks again later'));
    };
    look();
    this.timer = setInterval(look, this.intervalMs);
    this.timer.unref();
  }

  /** One look: publishes every settled row's calls and forgets the rows that went out. Returns how many batches were published. */
  async relayOnce(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - SETTLE_MS).toISOString();
    let published = 0;
    for (const { outboxId, calls } of await this.calls.unpublished(before, BATCHES_PER_LOOK)) {
      if (!(await publishCommitted(this.events, this.logger, calls))) continue;
      await this.calls.published([outboxId]);
      published += 1;
    }
    if (published) this.logger.warn({ batches: published }, 'committed calls published late from the outbox');
    return published;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
