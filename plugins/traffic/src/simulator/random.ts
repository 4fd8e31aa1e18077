/** A source of uniform numbers in [0, 1): Math.random, or a seeded generator for reproducible runs. */
export type Random = () => number;

/**
 * A small deterministic generator (mulberry32, 32 bits of state): the same seed gives the same
 * calls, so a simulation can be replayed in a test. Not for anything secret.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponentially distributed value with the given mean (inter-arrival gaps, handle times). */
export function exponential(random: Random, mean: number): number {
  // 1 - u lies in (0, 1], so the logarithm is finite.
  return -Math.log(1 - random()) * mean;
}

/** A uniform value in [low, high). */
export function uniform(random: Random, low: number, high: number): number {
  return low + random() * (high - low);
}

/** A uniform integer in [low, high]. */
export function integerBetween(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/**
 * One of the items, each with probability proportional to its weight; undefined when no item has
 * a positive weight.
 */
export function pickWeighted<T>(random: Random, items: readonly T[], weightOf: (item: T) => number): T | undefined {
  let total = 0;
  for (const item of items) total += Math.max(0, weightOf(item));
  if (!(total > 0)) return undefined;
  let left = random() * total;
  let last: T | undefined;
  for (const item of items) {
    const weight = Math.max(0, weightOf(item));
    if (weight <= 0) continue;
    last = item;
    left -= weight;
    if (left < 0) return item;
  }
  // Rounding can leave a sliver past the last bucket; it belongs to the last item that had weight.
  return last;
}
