/** A stretch of time when a call center would have held more calls than it has agents. */
export interface OverCapacity {
  /** ISO 8601: the call that took it over. */
  from: string;
  /** ISO 8601: the call that brought it back to capacity ended. */
  to: string;
  /** The most calls held at once in that stretch. */
  peak: number;
}

export interface ConcurrencyFigures {
  /** The most calls held at once. */
  peak: number;
  /** ISO 8601: when that peak was first reached; null without calls. */
  peakAt: string | null;
  /** Calls that arrived while every agent was held: they would have heard busy, or queued. */
  callsOverCapacity: number;
  /** The stretches over capacity, oldest first, at most MAX_STRETCHES of them. */
  overCapacity: OverCapacity[];
  /** How many stretches there were in all. */
  overCapacityStretches: number;
}

/** Stretches listed in full; a plan that floods a center all month long says so by the count. */
export const MAX_STRETCHES = 20;

/**
 * Calls held at once by one call center, from calls fed in order of their start: each holds an
 * agent from its start for its duration. A min-heap of the end times of the calls in progress
 * holds no more entries than calls at once, so a month of calls costs the memory of the busiest
 * moment. Ends are taken off as each later call starts, so a stretch over capacity ends exactly
 * when the call that brought it back ended. A call that ends as another starts has let go first.
 */
export class ConcurrencyTracker {
  private readonly ends = new MinHeap();
  private peak = 0;
  private peakAt: number | null = null;
  private callsOverCapacity = 0;
  private readonly stretches: OverCapacity[] = [];
  private stretchCount = 0;
  private open: { from: number; peak: number } | null = null;

  /** @param capacity agents; null when unknown (then only the peak is worked out). */
  constructor(private readonly capacity: number | null) {}

  /** A call starting at `startMs` (no earlier than the last one fed) and holding an agent `seconds` long. */
  add(startMs: number, seconds: number): void {
    this.releaseUntil(startMs);
    if (this.capacity !== null && this.ends.size >= this.capacity) this.callsOverCapacity++;
    this.ends.push(startMs + Math.max(0, seconds) * 1000);
    const held = this.ends.size;
    if (held > this.peak) {
      this.peak = held;
      this.peakAt = startMs;
    }
    if (this.capacity === null || held <= this.capacity) return;
    if (this.open) this.open.peak = Math.max(this.open.peak, held);
    else this.open = { from: startMs, peak: held };
  }

  /** The figures once every call has been fed. */
  finish(): ConcurrencyFigures {
    this.releaseUntil(Infinity);
    return {
      peak: this.peak,
      peakAt: this.peakAt === null ? null : new Date(this.peakAt).toISOString(),
      callsOverCapacity: this.callsOverCapacity,
      overCapacity: this.stretches,
      overCapacityStretches: this.stretchCount,
    };
  }

  private releaseUntil(ms: number): void {
    while (this.ends.size && this.ends.peek()! <= ms) {
      const end = this.ends.pop()!;
      if (this.open && this.ends.size === this.capacity) {
        this.stretchCount++;
        if (this.stretches.length < MAX_STRETCHES) this.stretches.push({ from: new Date(this.open.from).toISOString(), to: new Date(end).toISOString(), peak: this.open.peak });
        this.open = null;
      }
    }
  }
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number | undefined {
    return this.items[0];
  }

  push(value: number): void {
    const items = this.items;
    let at = items.push(value) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent]! <= value) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = value;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!items.length || last === undefined) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }
}
