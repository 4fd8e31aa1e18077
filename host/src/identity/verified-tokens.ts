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
 * Bounded: past `capacity` the oldest entry goes, as a Map keeps insertion order.
 */
export class VerifiedTokens {
  private readonly byToken = new Map<string, TokenClaims & { expiresAtMs: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): TokenClaims | undefined {
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.byToken.delete(token);
      return undefined;
    }
    return entry;
  }

  remember(token: string, claims: TokenClaims): void {
    if (typeof claims.exp !== 'number') return; // no expiry: never kept, always verified
    if (this.byToken.size >= this.capacity) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(token, { ...claims, expiresAtMs: claims.exp * 1000 });
  }
}
