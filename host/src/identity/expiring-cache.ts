/**
 * A bounded map whose entries lapse at a time given with each: what the identity caches keep (a
 * verified token until it expires, a client's stored credentials for a minute). Past `capacity`
 * the oldest entry goes, as a Map keeps insertion order; a lapsed entry is dropped when next read.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; untilMs: number }>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.untilMs <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` under `key` until `untilMs` (epoch milliseconds), in place of what was there. */
  set(key: string, value: V, untilMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, untilMs });
  }
}
