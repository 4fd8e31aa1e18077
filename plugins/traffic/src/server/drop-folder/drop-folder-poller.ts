import type { Logger } from '@switchboard/sdk';
import type { AsteriskDropFolder } from './asterisk-drop-folder.js';

/**
 * Looks at every drop folder every few seconds, one look at a time (a slow file delays the next
 * look rather than overlapping it). Polling, not fs.watch: watches miss changes on network file
 * systems and after a folder is replaced, and a few seconds of delay is nothing for call records.
 */
export class DropFolderPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly folders: readonly AsteriskDropFolder[],
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.folders.length) return;
    const look = () => {
      this.running = this.lookOnce().finally(() => {
        if (!this.stopped) this.timer = setTimeout(look, this.intervalMs);
      });
    };
    look();
  }

  async lookOnce(): Promise<void> {
    for (const folder of this.folders) {
      try {
        await folder.poll();
      } catch (error) {
        this.logger.error({ err: error }, 'a drop folder could not be read; trying again at the next look');
      }
    }
  }

  /** Stops looking; resolves once the look under way has finished its file. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
