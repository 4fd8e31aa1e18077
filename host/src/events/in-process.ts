import { randomUUID } from 'node:crypto';
import type { BusEvent, ConsumeOptions, DurableEvent, EventBus, PublishOptions, Subscription } from '@switchboard/sdk';
import { consoleBusLogger, type BusLogger } from './bus-logger.js';
import { withConsumeDefaults } from './consume-options.js';
import { decodeData, encodeData } from './envelope.js';
import { InProcessConsumer, type EventLog, type StoredEvent } from './in-process-consumer.js';
import { serialDelivery, type SerialDelivery } from './serial-delivery.js';
import { assertValidPattern, assertValidSubject, matchesSubject } from './subjects.js';

export interface InProcessBusOptions {
  /** How many events the bus keeps for durable consumers and deduplication. Default 100,000. */
  retention?: number;
  logger?: BusLogger;
}

/**
 * The event bus of the embedded, single-process default. It keeps a bounded log in memory, so
 * durable consumers survive unsubscribe and re-consume but not a restart of the process.
 */
export function createInProcessBus(options: InProcessBusOptions = {}): EventBus {
  const retention = options.retention ?? 100_000;
  if (!Number.isInteger(retention) || retention < 1) throw new Error(`Event bus retention must be a positive integer, not ${retention}`);
  const logger = options.logger ?? consoleBusLogger;

  const events = new Map<number, StoredEvent>();
  const sequenceOfId = new Map<string, number>();
  // Mutable here, read-only to the consumers.
  const log: { -readonly [K in keyof EventLog]: EventLog[K] } = {
    get: (sequence) => events.get(sequence),
    firstSequence: 1,
    lastSequence: 0,
  };
  const live = new Set<{ pattern: string; delivery: SerialDelivery<BusEvent<unknown>> }>();
  const consumers = new Map<string, InProcessConsumer>();
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new Error('The event bus is closed');
  };

  const toBusEvent = <T>(stored: StoredEvent): BusEvent<T> => ({
    subject: stored.subject,
    id: stored.id,
    publishedAt: new Date(stored.publishedAt),
    data: decodeData<T>(stored.payload),
  });

  const retain = (stored: StoredEvent) => {
    events.set(stored.sequence, stored);
    sequenceOfId.set(stored.id, stored.sequence);
    while (events.size > retention) {
      const oldest = events.get(log.firstSequence)!;
      events.delete(oldest.sequence);
      sequenceOfId.delete(oldest.id);
      log.firstSequence += 1;
    }
  };

  return {
    async publish<T>(subject: string, data: T, publishOptions?: PublishOptions): Promise<void> {
      assertOpen();
      assertValidSubject(subject);
      const id = publishOptions?.id ?? randomUUID();
      if (sequenceOfId.has(id)) return; // a re-publish of an event the bus still holds
      const stored: StoredEvent = { sequence: log.lastSequence + 1, subject, id, publishedAt: Date.now(), payload: encodeData(data) };
      log.lastSequence = stored.sequence;
      retain(stored);
      for (const subscription of live) {
        if (matchesSubject(subscription.pattern, subject)) subscription.delivery.deliver(() => toBusEvent(stored));
      }
      for (const consumer of consumers.values()) {
        if (matchesSubject(consumer.pattern, subject)) consumer.wake();
      }
    },

    async subscribe<T>(pattern: string, handler: (event: BusEvent<T>) => void | Promise<void>): Promise<Subscription> {
      assertOpen();
      assertValidPattern(pattern);
      const subscription = { pattern, delivery: serialDelivery(handler as (event: BusEvent<unknown>) => void | Promise<void>, logger, pattern) };
      live.add(subscription);
      return {
        async unsubscribe() {
          subscription.delivery.stop();
          live.delete(subscription);
        },
      };
    },

    async consume<T>(
      durableName: string,
      pattern: string,
      handler: (event: DurableEvent<T>) => void | Promise<void>,
      consumeOptions?: ConsumeOptions,
    ): Promise<Subscription> {
      assertOpen();
      assertValidPattern(pattern);
      if (!durableName) throw new Error('A durable consumer needs a name');
      const { from, ackWaitMs } = withConsumeDefaults(consumeOptions);
      let consumer = consumers.get(durableName);
      if (consumer && consumer.pattern !== pattern) {
        throw new Error(`Durable consumer "${durableName}" already follows "${consumer.pattern}"; use another name to follow "${pattern}"`);
      }
      if (!consumer) {
        const startAt = from === 'new' ? log.lastSequence + 1 : log.firstSequence;
        consumer = new InProcessConsumer(durableName, pattern, log, logger, { startAt, ackWaitMs });
        consumers.set(durableName, consumer);
      }
      consumer.ackWaitMs = ackWaitMs;
      const detach = consumer.attach(handler as (event: DurableEvent<unknown>) => void | Promise<void>);
      return { unsubscribe: async () => detach() };
    },

    async close(): Promise<void> {
      closed = true;
      for (const subscription of live) subscription.delivery.stop();
      live.clear();
      for (const consumer of consumers.values()) consumer.close();
    },
  };
}
