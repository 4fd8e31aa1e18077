import type { Middleware } from 'koa';
import { tooManyRequests } from '@switchboard/sdk';

export interface RateLimitOptions {
  /** Sustained requests per minute a single source may make. */
  perMinute: number;
  /** How many may come at once before the sustained rate applies. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per source address over /api. It runs before anything that can refuse a request,
 * so refused requests count too and a client cannot probe at full speed by sending bad ones
 * (shared/domain/security.md §0.4). Buckets live in this process: behind a load balancer each
 * process allows its share.
 */
export function rateLimit(options: RateLimitOptions, now: () => number = Date.now): Middleware {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = options.perMinute / 60_000;
  let lastSweep = now();
  const limit = String(options.burst);
  // Not async: it refuses or passes on, with nothing to do after, so no promise of its own.
  return (ctx, next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    const t = now();
    if (t - lastSweep > 60_000) {
      // Forget sources whose buckets have refilled: they would start full anyway.
      for (const [key, bucket] of buckets) if (bucket.tokens + (t - bucket.at) * refillPerMs >= options.burst) buckets.delete(key);
      lastSweep = t;
    }
    const bucket = buckets.get(ctx.ip) ?? { tokens: options.burst, at: t };
    bucket.tokens = Math.min(options.burst, bucket.tokens + (t - bucket.at) * refillPerMs);
    bucket.at = t;
    buckets.set(ctx.ip, bucket);
    const remaining = Math.floor(bucket.tokens - 1);
    ctx.set('RateLimit-Limit', limit);
    if (bucket.tokens < 1) {
      ctx.set('RateLimit-Remaining', '0');
      throw tooManyRequests(Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    }
    bucket.tokens -= 1;
    ctx.set('RateLimit-Remaining', String(remaining));
    return next();
  };
}
