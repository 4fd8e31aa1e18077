import { exponential, type Random } from './random.js';

/**
 * The instants (epoch ms, ascending) at which calls arrive in (fromMs, toMs] for a Poisson process
 * of `callsPerMinute`: exponential gaps with mean 60,000 / rate. The rate is taken as constant over
 * the interval (a tick); since the exponential is memoryless, starting afresh each tick and dropping
 * the gap that overshoots its end is exact, and a rate changed between ticks takes effect at once.
 */
export function arrivalTimes(fromMs: number, toMs: number, callsPerMinute: number, random: Random): number[] {
  const arrivals: number[] = [];
  if (!(callsPerMinute > 0) || toMs <= fromMs) return arrivals;
  const meanGapMs = 60_000 / callsPerMinute;
  let at = fromMs;
  for (;;) {
    at += exponential(random, meanGapMs);
    if (at > toMs) return arrivals;
    arrivals.push(at);
  }
}
