import type { Middleware } from 'koa';
import { tooManyRequests } from '@switchboard/sdk';
import { clientIp } from './raw-request.js';

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
 * A token bucket per source address over /api. One per process, shared by the Koa app and the
 * dispatcher's direct lane, so a source gets one allowance whichever way its requests are served.
 * Buckets live in this process: behind a load balancer each process allows its share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private lastSweep: number;
  /** The RateLimit-Limit header's value. */
  readonly limit: string;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = options.perMinute / 60_000;
    this.lastSweep = now();
    this.limit = String(options.burst);
  }

  /**
   * Takes one request's token from the source's bucket and answers what RateLimit-Remaining says
   * now; throws 429 (with Retry-After) when the bucket is empty.
   */
  take(source: string): string {
    const { burst } = this.options;
    const t = this.now();
    if (t - this.lastSweep > 60_000) {
      // Forget sources whose buckets have refilled: they would start full anyway.
      for (const [key, bucket] of this.buckets) if (bucket.tokens + (t - bucket.at) * this.refillPerMs >= burst) this.buckets.delete(key);
      this.lastSweep = t;
    }
    const bucket = this.buckets.get(source) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * this.refillPerMs);
    bucket.at = t;
    this.buckets.set(source, bucket);
    if (bucket.tokens < 1) throw tooManyRequests(Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000));
    const remaining = Math.floor(bucket.tokens - 1);
    bucket.tokens -= 1;
    return String(remaining);
  }
}

/**
 * The limiter over the Koa app's /api requests. It runs before anything that can refuse a request,
 * so refused requests count too and a client cannot probe at full speed by sending bad ones
 * (shared/domain/security.md §0.4).
 */
export function rateLimit(limiter: RateLimiter): Middleware {
  // Not async: it refuses or passes on, with nothing to do after, so no promise of its own.
  return (ctx, next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    ctx.set('RateLimit-Limit', limiter.limit);
    try {
      ctx.set('RateLimit-Remaining', limiter.take(clientIp(ctx.req, ctx.app.proxy)));
    } catch (error) {
      ctx.set('RateLimit-Remaining', '0');
      throw error;
    }
    return next();
  };
}
