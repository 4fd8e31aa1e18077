import type { BusEvent, EventBus, Subscription } from './events.js';
import { pushQueue } from './push-queue.js';

/**
 * The live events of a pattern as an async iterator, for a Server-Sent Events route: subscribed on
 * the first read, unsubscribed when the consumer stops (`return()`, which the host calls when the
 * client goes away). A consumer that falls `maxQueued` events behind is ended rather than let
 * memory grow; it reconnects and resumes from its Last-Event-ID.
 */
export function liveEvents<T>(bus: EventBus, pattern: string, maxQueued = 10_000): AsyncIterableIterator<BusEvent<T>> {
  let subscription: Promise<Subscription> | null = null;
  const finish = async (): Promise<IteratorResult<BusEvent<T>>> => {
    queue.end();
    if (subscription) await (await subscription).unsubscribe();
    return { value: undefined, done: true };
  };
  const queue = pushQueue<BusEvent<T>>(maxQueued, () => void finish());
  const iterator: AsyncIterableIterator<BusEvent<T>> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      subscription ??= bus.subscribe<T>(pattern, (event) => queue.push(event));
      await subscription;
      return queue.next();
    },
    return: finish,
  };
  return iterator;
}

/**
 * Keeps and reshapes the items of an iterator (`undefined` drops one). Unlike an async generator,
 * its `return()` reaches the source at once, even while a read is pending, so a stream whose
 * client left stops listening now rather than at the next event.
 */
export function mapEvents<A, B>(source: AsyncIterableIterator<A>, map: (item: A) => B | undefined): AsyncIterableIterator<B> {
  const iterator: AsyncIterableIterator<B> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      for (;;) {
        const next = await source.next();
        if (next.done) return { value: undefined, done: true };
        const mapped = map(next.value);
        if (mapped !== undefined) return { value: mapped, done: false };
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
  };
  return iterator;
}
