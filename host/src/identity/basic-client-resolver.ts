import type { Knex } from 'knex';
import { unauthenticated, type Identity, type IdentityRequest, type IdentityResolver } from '@switchboard/sdk';
import { sameSecret } from '../oidc/secrets.js';
import { ClientCredentialsCache, type StoredCredentials } from './client-credentials-cache.js';

export interface ClientIdentities {
  identityForClient(clientId: string): Promise<Identity | null>;
}

interface CredentialRow {
  kind: string;
  secret_hash: string;
}

const REFUSED = 'The client id or secret is not valid, or the client may not use HTTP Basic.';

/**
 * HTTP Basic with a network client's id and secret, for equipment that cannot fetch OAuth tokens:
 * FreeSWITCH's mod_json_cdr (`cred`), curl beside an Asterisk, a collector's webhook. The secret
 * is the client's own 256-bit secret, compared with its stored sha256; what the client may do is
 * read from the directory exactly as for its bearer tokens, so disabling it counts at once.
 *
 * Two limits keep this from widening what a stolen browser session or a cross-site page can do:
 * only `network` clients may authenticate this way (a customer's automation uses tokens), and a
 * request a browser sent (it carries Origin or Sec-Fetch-Site) is refused, because a browser
 * replays cached Basic credentials on its own, cross-site requests included.
 *
 * The stored kind and secret hash are kept a minute per client (ClientCredentialsCache), so the
 * request path reads no storage: equipment sends the same credentials with every request.
 */
export class BasicClientResolver implements IdentityResolver {
  constructor(
    private readonly knex: Knex,
    private readonly directory: ClientIdentities,
    private readonly stored = new ClientCredentialsCache(),
  ) {}

  private async credentialsOf(clientId: string): Promise<StoredCredentials | undefined> {
    const kept = this.stored.get(clientId);
    if (kept) return kept;
    const row = (await this.knex('host_clients as c')
      .join('host_client_credentials as k', 'k.client_id', 'c.id')
      .where('c.id', clientId)
      .first('c.kind', 'k.secret_hash')) as CredentialRow | undefined;
    if (!row) return undefined;
    const credentials = { kind: row.kind, secretHash: row.secret_hash };
    this.stored.remember(clientId, credentials);
    return credentials;
  }

  async resolve(request: IdentityRequest): Promise<Identity | null> {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^Basic /i.test(header)) return null;
    if (request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined) {
      throw unauthenticated('HTTP Basic is for network equipment; a browser signs in instead.');
    }
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) throw unauthenticated(REFUSED);
    const clientId = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const stored = await this.credentialsOf(clientId);
    if (!stored || stored.kind !== 'network' || !sameSecret(stored.secretHash, secret)) throw unauthenticated(REFUSED);
    const identity = await this.directory.identityForClient(clientId);
    if (!identity) throw unauthenticated(REFUSED);
    return identity;
  }
}
