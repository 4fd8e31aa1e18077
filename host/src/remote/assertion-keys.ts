import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface AssertionKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}

const ALG = 'EdDSA';

/**
 * The Ed25519 key pair the front host signs identity assertions with, kept in dataDir/keys and made
 * at first start by whichever process comes first (host or worker). Written to a temporary file and
 * then hard-linked into place, which fails if another process got there first, so no process ever
 * reads half a file or a key pair that was replaced under it.
 */
export async function loadAssertionKeys(dataDir: string): Promise<AssertionKeys> {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'assertion-keys.json');
  let stored: { kid: string; privateJwk: JWK; publicJwk: JWK };
  try {
    stored = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const pair = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    const candidate = {
      kid: `assert-${Date.now().toString(36)}`,
      privateJwk: await exportJWK(pair.privateKey),
      publicJwk: await exportJWK(pair.publicKey),
    };
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(candidate), { mode: 0o600 });
    try {
      await link(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    stored = JSON.parse(await readFile(file, 'utf8'));
  }
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, ALG)) as CryptoKey,
  };
}
