import type { NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { ConsumeOptions, DurableEvent, Subscription } from '@switchboard/sdk';
import type { BusLogger } from './bus-logger.js';
import { natsDurableName } from './durable-names.js';
import type { Envelope } from './envelope.js';

export interface JetStreamContext {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subjectPrefix: string;
  logger: BusLogger;
}

/** How many messages a consumer pulls ahead; those not handled yet are nak'ed when it stops. */
const PULL_BATCH = 64;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * A durable JetStream pull consumer feeding one handler, one message at a time. It keeps going
 * across reconnects and, should the consumer vanish (stream recreated, consumer deleted by an
 * operator), it recreates it and pulls again after a growing pause.
 */
export async function startDurableConsumer<T>(
  context: JetStreamContext,
  durableName: string,
  pattern: string,
  handler: (event: DurableEvent<T>) => void | Promise<void>,
  options: Required<ConsumeOptions>,
): Promise<Subscription> {
  const durable = natsDurableName(durableName);
  const ensure = () => ensureConsumer(context, durable, durableName, pattern, options);
  await ensure();

  let stopping = false;
  let messages: ConsumerMessages | undefined;

  const handle = async (message: JsMsg) => {
    let event: DurableEvent<T>;
    try {
      event = toDurableEvent<T>(context, message);
    } catch (error) {
      // Not one of ours (or corrupt): redelivering it forever would only block the consumer.
      context.logger.error(`durable consumer "${durableName}" dropped an unreadable message on "${message.subject}"`, error);
      message.term();
      return;
    }
    try {
      await handler(event);
    } catch (error) {
      // Not acknowledged, so JetStream redelivers it after the ack wait.
      context.logger.error(`durable consumer "${durableName}" failed on "${event.subject}" (sequence ${event.sequence})`, error);
    }
  };

  const run = async () => {
    let pause = RETRY_MIN_MS;
    let first = true;
    while (!stopping && !context.nc.isClosed()) {
      try {
        if (!first) await ensure();
        first = false;
        const consumer = await context.js.consumers.get(context.stream, durable);
        messages = await consumer.consume({ max_messages: PULL_BATCH });
        if (stopping) messages.stop();
        for await (const message of messages) {
          // Pulled ahead but stopping: give it back now rather than after the ack wait.
          if (stopping) message.nak();
          else await handle(message);
          pause = RETRY_MIN_MS;
        }
      } catch (error) {
        if (!stopping && !context.nc.isClosed()) context.logger.error(`durable consumer "${durableName}" stopped pulling; retrying`, error);
      }
      if (stopping || context.nc.isClosed()) break;
      await new Promise((resolve) => setTimeout(resolve, pause).unref());
      pause = Math.min(pause * 2, RETRY_MAX_MS);
    }
  };
  void run();

  return {
    async unsubscribe() {
      stopping = true;
      messages?.stop();
    },
  };
}

function toDurableEvent<T>(context: JetStreamContext, message: JsMsg): DurableEvent<T> {
  const envelope = message.json<Envelope>();
  if (typeof envelope?.id !== 'string') throw new Error('the message is not a Switchboard event');
  return {
    subject: message.subject.slice(context.subjectPrefix.length + 1),
    id: envelope.id,
    publishedAt: new Date(envelope.publishedAt),
    data: envelope.data as T,
    sequence: message.seq,
    deliveries: message.info.deliveryCount,
    // The double ack waits for the server's confirmation: once ack() resolves, the event is done.
    ack: async () => {
      await message.ackAck();
    },
    nak: async (delayMs?: number) => {
      message.nak(delayMs && delayMs > 0 ? delayMs : undefined);
      await context.nc.flush();
    },
  };
}

/** Creates the durable consumer, or checks that the existing one follows the same pattern. */
async function ensureConsumer(
  context: JetStreamContext,
  durable: string,
  durableName: string,
  pattern: string,
  options: Required<ConsumeOptions>,
): Promise<void> {
  const { jsm, stream, subjectPrefix } = context;
  const filter = `${subjectPrefix}.${pattern}`;
  const ackWait = nanos(options.ackWaitMs);
  let info = await consumerInfo(jsm, stream, durable);
  if (!info) {
    try {
      await jsm.consumers.add(stream, {
        durable_name: durable,
        filter_subject: filter,
        ack_policy: AckPolicy.Explicit,
        ack_wait: ackWait,
        deliver_policy: options.from === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
        max_deliver: -1,
      });
      return;
    } catch (error) {
      // Another process may have created it a moment ago; then check it as an existing one.
      info = await consumerInfo(jsm, stream, durable);
      if (!info) throw error;
    }
  }
  const existing = info.config.filter_subject;
  if (existing !== filter) {
    const follows = existing?.startsWith(`${subjectPrefix}.`) ? existing.slice(subjectPrefix.length + 1) : existing;
    throw new Error(`Durable consumer "${durableName}" already follows "${follows}"; use another name to follow "${pattern}"`);
  }
  if (info.config.ack_wait !== ackWait) await jsm.consumers.update(stream, durable, { ack_wait: ackWait });
}

async function consumerInfo(jsm: JetStreamManager, stream: string, durable: string) {
  try {
    return await jsm.consumers.info(stream, durable);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
    throw error;
  }
}
