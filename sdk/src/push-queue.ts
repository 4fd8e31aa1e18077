/**
 * Items pushed by one side (a bus subscription) and read by the other (a stream's consumer), one
 * read waiting at a time. Bounded: a reader that falls `maxQueued` behind makes the queue call
 * `onOverflow` (which ends it) rather than let memory grow.
 */
export interface PushQueue<T> {
  push(item: T): void;
  /** No more items: a waiting read and every later one answer done. */
  end(): void;
  readonly ended: boolean;
  next(): Promise<IteratorResult<T>>;
}

export function pushQueue<T>(maxQueued: number, onOverflow: () => void): PushQueue<T> {
  const items: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let ended = false;
  return {
    get ended() {
      return ended;
    },
    push(item) {
      if (ended) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: item, done: false });
      } else if (items.length >= maxQueued) onOverflow();
      else items.push(item);
    },
    end() {
      ended = true;
      items.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = null;
    },
    next() {
      if (items.length) return Promise.resolve({ value: items.shift()!, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
  };
}
