import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { readOrCreate } from '../files/read-or-create.js';

export interface AssertionKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}

const ALG = 'EdDSA';

/**
 * The Ed25519 key pair the front host signs identity assertions with, kept in dataDir/keys and made
 * at first start by whichever process comes first (host or worker).
 */
export async function loadAssertionKeys(dataDir: string): Promise<AssertionKeys> {
  const text = await readOrCreate(join(dataDir, 'keys', 'assertion-keys.json'), async () => {
    const pair = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    return JSON.stringify({ kid: `assert-${Date.now().toString(36)}`, privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) });
  });
  const stored = JSON.parse(text) as { kid: string; privateJwk: JWK; publicJwk: JWK };
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, ALG)) as CryptoKey,
  };
}
