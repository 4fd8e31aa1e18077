import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { unauthenticated, type Identity, type IdentityRequest, type IdentityResolver } from '@switchboard/sdk';
import { VerifiedTokens, type TokenClaims } from './verified-tokens.js';

export interface BearerIdentities {
  identityForUser(userId: string): Promise<Identity | null>;
  identityForClient(clientId: string): Promise<Identity | null>;
}

const FIXTURE_PREFIX = 'fixture:';

/**
 * API access tokens, as the host's OpenID Provider issues them to API clients: short-lived JWTs
 * for the API audience, signed with the provider's keys, so checking one needs no storage. The
 * token says who (a client, or a user through a client); what they may do is read from the
 * directory on every request (cached), so revoking a client or a grant counts at once.
 */
export class BearerIdentityResolver implements IdentityResolver {
  private keys: ReturnType<typeof createLocalJWKSet>;
  private reloadedAt = 0;
  private readonly verified = new VerifiedTokens();

  constructor(
    signingKeys: readonly JWK[],
    private readonly audience: string,
    private readonly directory: BearerIdentities,
    /** Reads the keys again: another host may sign with keys rotated in after this one started. */
    private readonly reloadKeys?: () => Promise<readonly JWK[]>,
  ) {
    this.keys = createLocalJWKSet({ keys: signingKeys.map(publicPart) });
  }

  private async verify(token: string) {
    const options = { audience: this.audience, typ: 'at+jwt', clockTolerance: 5 };
    try {
      return await jwtVerify(token, this.keys, options);
    } catch (error) {
      // An unknown key id: reload, at most twice a minute, so forged ids cannot hammer storage.
      if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY' || !this.reloadKeys || Date.now() - this.reloadedAt < 30_000) throw error;
      this.reloadedAt = Date.now();
      this.keys = createLocalJWKSet({ keys: (await this.reloadKeys()).map(publicPart) });
      return jwtVerify(token, this.keys, options);
    }
  }

  async resolve(request: IdentityRequest): Promise<Identity | null> {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^Bearer /i.test(header)) return null;
    const token = header.slice(7).trim();
    if (token.startsWith(FIXTURE_PREFIX)) return null; // the test fixtures' own scheme
    let claims: TokenClaims | undefined = this.verified.get(token);
    if (!claims) {
      try {
        ({ payload: claims } = await this.verify(token));
      } catch {
        throw unauthenticated('The access token is not valid or has expired.');
      }
      this.verified.remember(token, claims);
    }
    const clientOnly = claims.sub === claims.client_id;
    const identity = clientOnly ? await this.directory.identityForClient(String(claims.client_id)) : await this.directory.identityForUser(String(claims.sub));
    if (!identity) throw unauthenticated('The access token is not valid or has expired.');
    return identity;
  }
}

/** The public half of a private JWK, for verification only. */
function publicPart(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
}
