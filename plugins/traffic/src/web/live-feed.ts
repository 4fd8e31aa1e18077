import type { StreamPosition } from './stream-position.js';
import type { MonitorCall } from './traffic-answers.js';

/** What the feed needs of an EventSource (a test passes a stand-in). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface LiveFeedHandlers {
  /** The stream is (again) open: what it missed while down must be read anew. */
  onOpen(): void;
  /** A call, with where it came in the stream (its id, or the id it is below when sent without one). */
  onCall(call: MonitorCall, position: StreamPosition): void;
  /** The stream broke; it is being reopened. */
  onLost(): void;
}

const CLOSED = 2;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * The live stream of committed calls (GET /api/traffic/live) for the page. EventSource sends the
 * session cookie and reconnects by itself, with Last-Event-ID; when it gives up (the host answered
 * a reconnect with an error, or restarted) a new one is opened, waiting longer after each failure.
 */
export class LiveFeed {
  private source: EventSourceLike | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  private readonly open: (url: string) => EventSourceLike;
  private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;

  /** `open` and `schedule` stand in for EventSource and setTimeout in tests. */
  constructor(
    private readonly url: string,
    private readonly handlers: LiveFeedHandlers,
    options: { open?: (url: string) => EventSourceLike; schedule?: (run: () => void, ms: number) => ReturnType<typeof setTimeout> } = {},
  ) {
    this.open = options.open ?? ((url) => new EventSource(url));
    this.schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms));
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
  }

  private connect(): void {
    const source = this.open(this.url);
    this.source = source;
    // The greatest id this stream has sent, and the event id text as it last stood. A MessageEvent's
    // lastEventId is the stream's last id, kept over events without one (and over EventSource's own
    // reconnects, which resume after it), so an event whose lastEventId did not change had no id.
    let greatestId = 0;
    let lastIdText = '';
    source.addEventListener('open', () => {
      if (source !== this.source) return;
      this.retryMs = FIRST_RETRY_MS;
      this.handlers.onOpen();
    });
    source.addEventListener('call', (event) => {
      if (source !== this.source) return;
      const message = event as MessageEvent<string>;
      const idText = message.lastEventId;
      const fresh = idText !== lastIdText && /^\d{1,15}$/.test(idText);
      lastIdText = idText;
      if (fresh) greatestId = Math.max(greatestId, Number(idText));
      this.handlers.onCall(JSON.parse(message.data) as MonitorCall, fresh ? { id: Number(idText) } : { below: greatestId });
    });
    source.addEventListener('error', (event) => {
      // The host's own `error` event (a stream that failed) is followed by the end of the stream, handled as any break.
      if (source !== this.source || 'data' in event) return;
      this.handlers.onLost();
      if (source.readyState !== CLOSED || this.stopped) return;
      source.close();
      this.retryTimer = this.schedule(() => {
        if (!this.stopped) this.connect();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
    });
  }
}
