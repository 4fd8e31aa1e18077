/** A binary min-heap: the calls in progress by the time they end, so the next to end is always at hand. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly keyOf: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.keyOf(items[parent]!) <= this.keyOf(item)) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = item;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    const key = this.keyOf(last);
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.keyOf(items[right]!) < this.keyOf(items[left]!) ? right : left;
      if (this.keyOf(items[child]!) >= key) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }

  /** Removes and returns every item whose key is at most `key`, in key order. */
  popThrough(key: number): T[] {
    const popped: T[] = [];
    while (this.items.length && this.keyOf(this.items[0]!) <= key) popped.push(this.pop()!);
    return popped;
  }

  /** How many items have a key above `key`, without changing the heap. */
  countAbove(key: number): number {
    let count = 0;
    for (const item of this.items) if (this.keyOf(item) > key) count++;
    return count;
  }
}
