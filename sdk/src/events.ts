/**
 * The event bus. Subjects are dot-separated words (`traffic.call.committed`); subscriptions may use
 * `*` for one word and `>` for the rest, as NATS does. A plugin publishes only under its own id.
 * Two implementations stand behind it: in-process (embedded default) and NATS JetStream (scaled out).
 */
export interface BusEvent<T = unknown> {
  subject: string;
  /** Travels as JSON on every bus: a Date arrives as its ISO string. */
  data: T;
  /**
   * Unique per published event. Publishing the same id again within the bus's deduplication
   * window (the retained log in-process, two minutes on JetStream) delivers it once; lasting
   * idempotency (payments, CDRs) needs a unique key in the database.
   */
  id: string;
  publishedAt: Date;
}

export interface DurableEvent<T = unknown> extends BusEvent<T> {
  /** Position in the stream, increasing. */
  sequence: number;
  /**
   * How many times this event has been delivered to this consumer, 1 the first time. A minimum:
   * JetStream (2.9) may count a redelivery as the first after a consumer restart.
   */
  deliveries: number;
  /** Done with it: it is not delivered to this consumer again. */
  ack(): Promise<void>;
  /** Not done: deliver it again, after the delay when one is given. */
  nak(delayMs?: number): Promise<void>;
}

export interface Subscription {
  unsubscribe(): Promise<void>;
}

export interface PublishOptions {
  /** Deduplication id; defaults to a fresh random id. */
  id?: string;
}

export interface ConsumeOptions {
  /** Where a new consumer starts: every retained event, or only those published from now on. Default 'all'. */
  from?: 'all' | 'new';
  /** Redeliver an event not acknowledged within this time. Default 30 s. */
  ackWaitMs?: number;
}

export interface EventBus {
  /** Resolves once the bus has accepted the event (durably, on JetStream). */
  publish<T>(subject: string, data: T, options?: PublishOptions): Promise<void>;
  /** Live fan-out: every subscriber gets events published after it subscribed; nothing is retained for it. */
  subscribe<T>(pattern: string, handler: (event: BusEvent<T>) => void | Promise<void>): Promise<Subscription>;
  /**
   * A durable consumer: a named position in the stream that outlives the subscription.
   * At-least-once: each event is delivered until acknowledged; a consumer that comes back
   * under the same name resumes after the last acknowledged event. A handler that throws has not
   * acknowledged: the event comes again after the ack wait. `from` applies only when the consumer
   * is first created; a durable name is bound to one pattern; `unsubscribe()` does not wait for a
   * handler still running.
   */
  consume<T>(
    durableName: string,
    pattern: string,
    handler: (event: DurableEvent<T>) => void | Promise<void>,
    options?: ConsumeOptions,
  ): Promise<Subscription>;
  close(): Promise<void>;
}
