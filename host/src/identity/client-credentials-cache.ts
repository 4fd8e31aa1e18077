import { ExpiringCache } from './expiring-cache.js';

/** What the Basic resolver needs to know of a client's stored credentials. */
export interface StoredCredentials {
  kind: string;
  secretHash: string;
}

/**
 * Clients' stored credentials (kind, secret hash) read for HTTP Basic, kept a short while: a SIP
 * proxy or a CDR feed authenticates every request with the same client, and reading the row each
 * time was one database query per routing query. Only rows that exist are kept (an unknown id is
 * read afresh, so a client registered a moment ago is found); the secret is still compared per
 * request, and whether the client may act is still read from the directory per request, so
 * disabling it counts at once. A client's secret and kind are written once, when it is
 * registered; if they ever change, the old ones are good here for at most `ttlMs`.
 * Bounded: past `capacity` the oldest entry goes (ExpiringCache).
 */
export class ClientCredentialsCache {
  private readonly byClient: ExpiringCache<StoredCredentials>;

  constructor(
    private readonly ttlMs = 60_000,
    capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.byClient = new ExpiringCache(capacity, now);
  }

  get(clientId: string): StoredCredentials | undefined {
    return this.byClient.get(clientId);
  }

  remember(clientId: string, credentials: StoredCredentials): void {
    this.byClient.set(clientId, credentials, this.now() + this.ttlMs);
  }
}
