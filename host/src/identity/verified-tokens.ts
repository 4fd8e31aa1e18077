import { ExpiringCache } from './expiring-cache.js';

/** What a verified access token says about its caller. */
export interface TokenClaims {
  sub?: string;
  client_id?: string;
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

/**
 * Access tokens already verified, until they expire: a network element asks once per call with
 * the same token for its ten minutes, and checking the signature again each time was a third of
 * the routing query's cost. Keyed by the whole token, so a token differing in any byte is
 * verified afresh. What the caller may do is still read from the directory on every request, so
 * disabling a client or revoking a grant counts at once; only a signing key retired before its
 * tokens expire keeps those tokens good here until they do (at most their ten minutes).
 * Bounded: past `capacity` the oldest entry goes (ExpiringCache).
 */
export class VerifiedTokens {
  private readonly byToken: ExpiringCache<TokenClaims>;

  constructor(capacity = 10_000, now: () => number = Date.now) {
    this.byToken = new ExpiringCache(capacity, now);
  }

  get(token: string): TokenClaims | undefined {
    return this.byToken.get(token);
  }

  remember(token: string, claims: TokenClaims): void {
    if (typeof claims.exp !== 'number') return; // no expiry: never kept, always verified
    this.byToken.set(token, claims, claims.exp * 1000);
  }
}
