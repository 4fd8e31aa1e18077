import type { DurableEvent } from '@switchboard/sdk';
import type { BusLogger } from './bus-logger.js';
import { decodeData } from './envelope.js';
import { matchesSubject } from './subjects.js';

/** One event as the in-process bus retains it. */
export interface StoredEvent {
  sequence: number;
  subject: string;
  id: string;
  publishedAt: number;
  payload: string | undefined;
}

/** The retained events, oldest first, as a consumer reads them. */
export interface EventLog {
  get(sequence: number): StoredEvent | undefined;
  readonly firstSequence: number;
  readonly lastSequence: number;
}

type Handler = (event: DurableEvent<unknown>) => void | Promise<void>;

interface Pending {
  /** Deliveries so far, 1 after the first. */
  deliveries: number;
  /** Redelivers the event if it is not acknowledged in time. */
  timer?: NodeJS.Timeout;
}

/**
 * A durable consumer of the in-process bus: a position in the log that outlives its handlers.
 * Semantics follow a JetStream pull consumer with explicit acks: events go out in order, one
 * handler call at a time; an event stays pending until acked and is redelivered after a nak
 * or once `ackWaitMs` passes; a consumer that comes back continues where it was.
 */
export class InProcessConsumer {
  ackWaitMs: number;
  /** The next sequence never delivered to this consumer. */
  private next: number;
  /** Delivered and not yet acknowledged. */
  private readonly pending = new Map<number, Pending>();
  /** Pending events due again, lowest sequence first; they go out before new events, as on JetStream. */
  private redeliveries: number[] = [];
  private handlers: Handler[] = [];
  private turn = 0;
  private pumping = false;
  private closed = false;

  constructor(
    readonly name: string,
    readonly pattern: string,
    private readonly log: EventLog,
    private readonly logger: BusLogger,
    options: { startAt: number; ackWaitMs: number },
  ) {
    this.next = options.startAt;
    this.ackWaitMs = options.ackWaitMs;
  }

  /** Adds a handler; several handlers under one name share the events, as JetStream pull subscribers do. */
  attach(handler: Handler): () => void {
    this.handlers.push(handler);
    this.wake();
    return () => {
      this.handlers = this.handlers.filter((candidate) => candidate !== handler);
    };
  }

  /** Something new may be there to deliver. */
  wake(): void {
    if (!this.closed && this.handlers.length > 0 && !this.pumping) void this.pump();
  }

  close(): void {
    this.closed = true;
    this.handlers = [];
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (!this.closed && this.handlers.length > 0) {
        // Let timers and I/O run between deliveries: a handler that naks at once, forever,
        // must not starve the rest of the process.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.closed || this.handlers.length === 0) break;
        const sequence = this.takeNext();
        if (sequence === undefined) break;
        const stored = this.log.get(sequence);
        if (!stored) {
          // Aged out of the retained log while it waited: nothing left to deliver.
          this.forget(sequence);
          continue;
        }
        const handler = this.handlers[this.turn++ % this.handlers.length]!;
        try {
          await handler(this.deliver(stored));
        } catch (error) {
          // Not acknowledged, so it comes back after the ack wait: at-least-once with a natural back-off.
          this.logger.error(`durable consumer "${this.name}" failed on "${stored.subject}" (sequence ${sequence})`, error);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private takeNext(): number | undefined {
    const redelivery = this.redeliveries.shift();
    if (redelivery !== undefined) return redelivery;
    this.next = Math.max(this.next, this.log.firstSequence);
    while (this.next <= this.log.lastSequence) {
      const stored = this.log.get(this.next++);
      if (stored && matchesSubject(this.pattern, stored.subject)) return stored.sequence;
    }
    return undefined;
  }

  private deliver(stored: StoredEvent): DurableEvent<unknown> {
    const { sequence } = stored;
    const entry = this.pending.get(sequence) ?? { deliveries: 0 };
    entry.deliveries += 1;
    this.pending.set(sequence, entry);
    this.startAckTimer(sequence, entry);
    const deliveries = entry.deliveries;
    return {
      subject: stored.subject,
      id: stored.id,
      publishedAt: new Date(stored.publishedAt),
      data: decodeData(stored.payload),
      sequence,
      deliveries,
      ack: async () => this.forget(sequence),
      nak: async (delayMs?: number) => this.nak(sequence, deliveries, delayMs),
    };
  }

  private startAckTimer(sequence: number, entry: Pending): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.scheduleRedelivery(sequence);
    }, this.ackWaitMs);
    // An idle bus must not keep the process alive; the redelivery happens if the process still runs.
    entry.timer.unref();
  }

  private nak(sequence: number, deliveries: number, delayMs = 0): void {
    const entry = this.pending.get(sequence);
    // Already acked, or a stale handle from an earlier delivery that was redelivered since.
    if (!entry || entry.deliveries !== deliveries || entry.timer === undefined) return;
    clearTimeout(entry.timer);
    if (delayMs <= 0) {
      entry.timer = undefined;
      this.scheduleRedelivery(sequence);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.scheduleRedelivery(sequence);
    }, delayMs);
    entry.timer.unref();
  }

  private scheduleRedelivery(sequence: number): void {
    if (!this.pending.has(sequence) || this.redeliveries.includes(sequence)) return;
    this.redeliveries.push(sequence);
    this.redeliveries.sort((a, b) => a - b);
    this.wake();
  }

  /** Acknowledged (or gone): never delivered to this consumer again. */
  private forget(sequence: number): void {
    const entry = this.pending.get(sequence);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(sequence);
    this.redeliveries = this.redeliveries.filter((candidate) => candidate !== sequence);
  }
}
