import type { BusLogger } from './bus-logger.js';

/**
 * Calls one subscriber's handler for one event at a time, in the order the events arrived, and
 * turns its failures into log lines: a failing subscriber never breaks the publisher nor the
 * other subscribers, and a slow one never reorders its own events.
 */
export interface SerialDelivery<E> {
  deliver(makeEvent: () => E): void;
  stop(): void;
}

export function serialDelivery<E extends { subject: string }>(
  handler: (event: E) => void | Promise<void>,
  logger: BusLogger,
  pattern: string,
): SerialDelivery<E> {
  let queue: Promise<void> = Promise.resolve();
  let active = true;
  return {
    // Takes a thunk so that an event is decoded only if the subscriber is still there to see it.
    deliver(makeEvent) {
      queue = queue.then(async () => {
        if (!active) return;
        let subject = '(undecodable event)';
        try {
          const event = makeEvent();
          subject = event.subject;
          await handler(event);
        } catch (error) {
          logger.error(`subscriber of "${pattern}" failed on "${subject}"`, error);
        }
      });
    },
    stop() {
      active = false;
    },
  };
}
