import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

const TABLE = 'host_oidc_keys';

interface KeyRow {
  kid: string;
  use: 'sig' | 'secret';
  jwk: string;
  created_at: string;
  retired_at: string | null;
}

/** How long a retired signing key still verifies tokens it signed. */
const RETIRED_KEYS_KEPT_MS = 24 * 3600 * 1000;

export interface ProviderKeys {
  /** Private signing keys, newest first: the provider signs with the first of each algorithm. */
  signing: JWK[];
  /** Secrets for the provider's cookies and the host's own signed cookies, newest first. */
  secrets: string[];
}

const newKid = (prefix: string) => `${prefix}-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;

async function newSigningKeys(): Promise<KeyRow[]> {
  const now = new Date().toISOString();
  const rows: KeyRow[] = [];
  // RS256 because OpenID Connect requires it for ID tokens by default; ES256 for short access tokens.
  for (const [alg, options] of [['RS256', { modulusLength: 2048 }], ['ES256', {}]] as const) {
    const { privateKey } = await generateKeyPair(alg, { ...options, extractable: true });
    const kid = newKid(alg.toLowerCase());
    rows.push({ kid, use: 'sig', jwk: JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg, use: 'sig' }), created_at: now, retired_at: null });
  }
  rows.push({ kid: newKid('secret'), use: 'secret', jwk: JSON.stringify({ k: randomBytes(32).toString('base64url') }), created_at: now, retired_at: null });
  return rows;
}

/**
 * The provider's keys, kept in storage so every host process signs and verifies with the same ones.
 * Made at first start; two processes starting at once may both make a set, and both sets are valid.
 */
export async function loadProviderKeys(knex: Knex, now = Date.now()): Promise<ProviderKeys> {
  let rows = (await knex<KeyRow>(TABLE).orderBy('created_at', 'desc')) as KeyRow[];
  if (!rows.some((r) => r.use === 'sig' && r.retired_at === null)) {
    await knex(TABLE).insert(await newSigningKeys());
    rows = (await knex<KeyRow>(TABLE).orderBy('created_at', 'desc')) as KeyRow[];
  }
  const live = rows.filter((r) => r.retired_at === null || Date.parse(r.retired_at) + RETIRED_KEYS_KEPT_MS > now);
  // Current keys first, then retired ones (still verifying what they signed).
  live.sort((a, b) => Number(a.retired_at !== null) - Number(b.retired_at !== null) || b.created_at.localeCompare(a.created_at));
  return {
    signing: live.filter((r) => r.use === 'sig').map((r) => JSON.parse(r.jwk) as JWK),
    secrets: live.filter((r) => r.use === 'secret').map((r) => (JSON.parse(r.jwk) as { k: string }).k),
  };
}

/** New keys sign from the next start of each host; the old ones verify for another day, then go. */
export async function rotateProviderKeys(knex: Knex): Promise<{ added: string[]; retired: string[] }> {
  const fresh = await newSigningKeys();
  const retiredAt = new Date().toISOString();
  return knex.transaction(async (trx) => {
    const current = (await trx<KeyRow>(TABLE).whereNull('retired_at').select('kid')) as Pick<KeyRow, 'kid'>[];
    await trx(TABLE).whereNull('retired_at').update({ retired_at: retiredAt });
    await trx(TABLE).where('retired_at', '<', new Date(Date.now() - RETIRED_KEYS_KEPT_MS).toISOString()).delete();
    await trx(TABLE).insert(fresh);
    return { added: fresh.map((r) => r.kid), retired: current.map((r) => r.kid) };
  });
}
