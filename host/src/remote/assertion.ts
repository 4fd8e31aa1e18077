import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { unauthenticated, type Identity } from '@switchboard/sdk';
import type { AssertionKeys } from './assertion-keys.js';

const ISSUER = 'switchboard-host';
const ALG = 'EdDSA';

/** Binds an assertion to one request: the same token cannot carry a different call. */
export const digestOf = (payload: string) => createHash('sha256').update(payload).digest('base64url');

export interface AssertionClaims {
  identity: Identity | null;
  requestId: string;
  /** The plugin the call is for: a token for one worker is useless at another. */
  plugin: string;
  digest: string;
}

/** A short-lived statement, signed by the front host: "this call, by this caller, is already authorised". */
export async function signAssertion(keys: AssertionKeys, claims: AssertionClaims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ identity: claims.identity, rid: claims.requestId, dig: claims.digest })
    .setProtectedHeader({ alg: ALG, kid: keys.kid, typ: 'sb-assertion+jwt' })
    .setIssuer(ISSUER)
    .setAudience(`plugin:${claims.plugin}`)
    .setSubject(claims.identity?.subject ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey);
}

/** Checks signature, issuer, audience, expiry and the request digest; anything wrong is a 401. */
export async function verifyAssertion(
  keys: Pick<AssertionKeys, 'publicKey'>,
  token: string | undefined,
  expected: { plugins: readonly string[]; payload: string },
): Promise<AssertionClaims> {
  if (!token) throw unauthenticated('This worker only answers calls signed by the host.');
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      issuer: ISSUER,
      audience: expected.plugins.map((p) => `plugin:${p}`),
      algorithms: [ALG],
      typ: 'sb-assertion+jwt',
      clockTolerance: 2,
    });
    if (payload.dig !== digestOf(expected.payload)) throw new Error('the assertion was issued for another request');
    const plugin = String(payload.aud).replace(/^plugin:/, '');
    return { identity: (payload.identity ?? null) as Identity | null, requestId: String(payload.rid), plugin, digest: String(payload.dig) };
  } catch (error) {
    throw unauthenticated(`The host's assertion is not acceptable: ${(error as Error).message}`);
  }
}
