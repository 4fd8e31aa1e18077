import type { BusEvent, EventBus, Subscription } from './events.js';

/**
 * The live events of a pattern as an async iterator, for a Server-Sent Events route: subscribed on
 * the first read, unsubscribed when the consumer stops (`return()`, which the host calls when the
 * client goes away). A consumer that falls `maxQueued` events behind is ended rather than let
 * memory grow; it reconnects and resumes from its Last-Event-ID.
 */
export function liveEvents<T>(bus: EventBus, pattern: string, maxQueued = 10_000): AsyncIterableIterator<BusEvent<T>> {
  const queue: BusEvent<T>[] = [];
  let waiting: ((result: IteratorResult<BusEvent<T>>) => void) | null = null;
  let subscription: Promise<Subscription> | null = null;
  let done = false;

  const finish = async (): Promise<IteratorResult<BusEvent<T>>> => {
    done = true;
    queue.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = null;
    if (subscription) await (await subscription).unsubscribe();
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<BusEvent<T>> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      subscription ??= bus.subscribe<T>(pattern, (event) => {
        if (done) return;
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ value: event, done: false });
        } else if (queue.length >= maxQueued) void finish();
        else queue.push(event);
      });
      if (done) return Promise.resolve({ value: undefined, done: true });
      const queued = queue.shift();
      if (queued) return Promise.resolve({ value: queued, done: false });
      return subscription.then(() => {
        // An event may have come while subscribing.
        const arrived = queue.shift();
        if (arrived) return { value: arrived, done: false };
        if (done) return { value: undefined, done: true };
        return new Promise<IteratorResult<BusEvent<T>>>((resolve) => (waiting = resolve));
      });
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
