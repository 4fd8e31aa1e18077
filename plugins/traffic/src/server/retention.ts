import type { Clock, Logger } from '@switchboard/sdk';
import type { CallStore } from './call-store.js';
import type { TrafficConfig } from './config.js';

const DAY_MS = 86_400_000;

/**
 * Keeps raw call records for the configured number of days and no longer: a purge at start and
 * then every interval, one at a time. Rollups are never purged.
 */
export class RetentionPurge {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly calls: CallStore,
    private readonly config: Pick<TrafficConfig, 'rawRetentionDays' | 'purgeIntervalMinutes'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The instant before which raw records go. */
  cutoff(): string {
    return new Date(this.clock.now().getTime() - this.config.rawRetentionDays * DAY_MS).toISOString();
  }

  /** One purge now (or the one already running); how many records it removed. */
  runOnce(): Promise<number> {
    this.running ??= this.calls
      .purgeStartedBefore(this.cutoff())
      .then((removed) => {
        if (removed) this.logger.info({ removed, retentionDays: this.config.rawRetentionDays }, 'old raw call records purged');
        return removed;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  start(): void {
    const tick = () => {
      this.runOnce().catch((error: unknown) => this.logger.error({ err: error }, 'the retention purge failed; it runs again at the next interval'));
    };
    tick();
    this.timer = setInterval(tick, this.config.purgeIntervalMinutes * 60_000);
    // The purge never keeps a process alive on its own.
    this.timer.unref();
  }

  /** Stops the schedule and waits for a purge in progress, so the database can close under it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
