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
 * Bounded: past `capacity` the oldest entry goes, as a Map keeps insertion order.
 */
export class ClientCredentialsCache {
  private readonly byClient = new Map<string, StoredCredentials & { until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(clientId: string): StoredCredentials | undefined {
    const entry = this.byClient.get(clientId);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.byClient.delete(clientId);
      return undefined;
    }
    return entry;
  }

  remember(clientId: string, credentials: StoredCredentials): void {
    this.byClient.delete(clientId);
    if (this.byClient.size >= this.capacity) this.byClient.delete(this.byClient.keys().next().value!);
    this.byClient.set(clientId, { ...credentials, until: this.now() + this.ttlMs });
  }
}
