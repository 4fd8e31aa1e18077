import { randomUUID } from 'node:crypto';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamApiCodes, JetStreamApiError, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import type { BusEvent, ConsumeOptions, DurableEvent, EventBus, PublishOptions, Subscription } from '@switchboard/sdk';
import { consoleBusLogger, type BusLogger } from './bus-logger.js';
import type { Envelope } from './envelope.js';
import { withConsumeDefaults } from './consume-options.js';
import { startDurableConsumer, type JetStreamContext } from './nats-consumer.js';
import { serialDelivery } from './serial-delivery.js';
import { assertValidPattern, assertValidSubject } from './subjects.js';

export interface NatsBusOptions {
  /** One server or a comma-separated list: `127.0.0.1:4222`, `nats://a:4222,nats://b:4222`. */
  servers: string;
  /** The JetStream stream holding the events; created, or updated to these settings. */
  stream: string;
  /** Every SDK subject is published under it: `traffic.call` travels as `<prefix>.traffic.call`. */
  subjectPrefix: string;
  /** How long JetStream remembers an event id to drop re-publishes of it. Default 2 minutes. */
  duplicateWindowMs?: number;
  logger?: BusLogger;
}

const STREAM_NAME = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Where the stream republishes every event it stored. Live subscribers listen there rather than
 * on the publish subjects: a core subscriber of those would also see every re-published
 * duplicate and every publish the stream refused, while the republished copy exists exactly
 * once per stored event.
 */
export const liveSubjectPrefix = (subjectPrefix: string) => `_live.${subjectPrefix}`;

/** The event bus of a scaled-out installation, on NATS JetStream. */
export async function connectNatsBus(options: NatsBusOptions): Promise<EventBus> {
  const { servers, stream, subjectPrefix } = options;
  const duplicateWindowMs = options.duplicateWindowMs ?? 120_000;
  const logger = options.logger ?? consoleBusLogger;
  assertValidSubject(subjectPrefix);
  if (!STREAM_NAME.test(stream)) throw new Error(`Invalid JetStream stream name "${stream}": use letters, digits, "_" and "-"`);

  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: servers.split(',').map((server) => server.trim()),
      name: `switchboard ${process.pid}`,
      // Once connected, ride out server restarts for as long as it takes.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
      timeout: 10_000,
    });
  } catch (error) {
    throw new Error(`Cannot connect to NATS at ${servers}: ${(error as Error).message}`, { cause: error });
  }
  void reportConnectionChanges(nc, servers, logger);

  let context: JetStreamContext;
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, stream, subjectPrefix, duplicateWindowMs);
    context = { nc, js: jetstream(nc), jsm, stream, subjectPrefix, logger };
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw new Error(`Cannot set up the JetStream stream "${stream}" on ${servers}: ${(error as Error).message}`, { cause: error });
  }

  const live = liveSubjectPrefix(subjectPrefix);
  const consumers = new Set<Subscription>();

  return {
    async publish<T>(subject: string, data: T, publishOptions?: PublishOptions): Promise<void> {
      assertValidSubject(subject);
      const id = publishOptions?.id ?? randomUUID();
      const envelope: Envelope = { id, publishedAt: new Date().toISOString(), data };
      try {
        // The message id makes JetStream drop a re-publish within the duplicate window.
        await context.js.publish(`${subjectPrefix}.${subject}`, JSON.stringify(envelope), { msgID: id });
      } catch (error) {
        throw new Error(`JetStream did not accept the event "${subject}" (id ${id}): ${(error as Error).message}`, { cause: error });
      }
    },

    async subscribe<T>(pattern: string, handler: (event: BusEvent<T>) => void | Promise<void>): Promise<Subscription> {
      assertValidPattern(pattern);
      const delivery = serialDelivery(handler, logger, pattern);
      const subscription = nc.subscribe(`${live}.${pattern}`, {
        callback: (error, message) => {
          if (error) {
            logger.error(`live subscription to "${pattern}" ended`, error);
            return;
          }
          delivery.deliver(() => {
            const envelope = message.json<Envelope>();
            return {
              subject: message.subject.slice(live.length + 1),
              id: envelope.id,
              publishedAt: new Date(envelope.publishedAt),
              data: envelope.data as T,
            };
          });
        },
      });
      // The server has the subscription once the flush returns: every later publish reaches it.
      await nc.flush();
      return {
        async unsubscribe() {
          delivery.stop();
          subscription.unsubscribe();
        },
      };
    },

    async consume<T>(
      durableName: string,
      pattern: string,
      handler: (event: DurableEvent<T>) => void | Promise<void>,
      consumeOptions?: ConsumeOptions,
    ): Promise<Subscription> {
      assertValidPattern(pattern);
      if (!durableName) throw new Error('A durable consumer needs a name');
      const subscription = await startDurableConsumer(context, durableName, pattern, handler, withConsumeDefaults(consumeOptions));
      consumers.add(subscription);
      return {
        async unsubscribe() {
          consumers.delete(subscription);
          await subscription.unsubscribe();
        },
      };
    },

    async close(): Promise<void> {
      if (nc.isClosed()) return;
      for (const subscription of consumers) await subscription.unsubscribe();
      consumers.clear();
      // Drain lets messages already received reach their handlers before the connection closes.
      await nc.drain();
    },
  };
}

async function ensureStream(jsm: JetStreamManager, name: string, subjectPrefix: string, duplicateWindowMs: number): Promise<void> {
  const subjects = [`${subjectPrefix}.>`];
  const republish = { src: `${subjectPrefix}.>`, dest: `${liveSubjectPrefix(subjectPrefix)}.>` };
  const duplicateWindow = nanos(duplicateWindowMs);
  let info = await streamInfo(jsm, name);
  if (!info) {
    try {
      await jsm.streams.add({ name, subjects, storage: StorageType.File, duplicate_window: duplicateWindow, republish });
      return;
    } catch (error) {
      // Another host may have created it a moment ago; then treat it as an existing one.
      info = await streamInfo(jsm, name);
      if (!info) throw error;
    }
  }
  const current = info.config;
  if (current.republish?.src !== republish.src || current.republish?.dest !== republish.dest) {
    // NATS refuses to change a stream's republish setting after creation.
    throw new Error(
      `stream "${name}" exists without republishing ${republish.src} to ${republish.dest}, which live subscribers need, ` +
        'and NATS cannot add that to an existing stream: delete the stream or configure another stream name',
    );
  }
  const sameSubjects = current.subjects?.length === 1 && current.subjects[0] === subjects[0];
  if (!sameSubjects || current.duplicate_window !== duplicateWindow) {
    await jsm.streams.update(name, { subjects, duplicate_window: duplicateWindow });
  }
}

async function streamInfo(jsm: JetStreamManager, name: string) {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw error;
  }
}

async function reportConnectionChanges(nc: NatsConnection, servers: string, logger: BusLogger): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'disconnect') logger.warn(`lost the NATS connection to ${servers}; reconnecting`);
    else if (status.type === 'reconnect') logger.warn(`reconnected to NATS at ${servers}`);
  }
}
