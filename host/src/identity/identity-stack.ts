import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AuditLog, Clock, EventBus, IdentityResolver } from '@switchboard/sdk';
import { aesGcmSecretCipher, CredentialStore, LoginThrottle } from '../auth/index.js';
import type { HostConfig } from '../config/types.js';
import { Directory, type Catalog } from '../directory/index.js';
import { loadProviderKeys, type ProviderKeys } from '../oidc/keys.js';
import { API_RESOURCE } from '../oidc/constants.js';
import type { Database } from '../storage/index.js';
import { BasicClientResolver } from './basic-client-resolver.js';
import { BearerIdentityResolver } from './bearer-resolver.js';
import { FixtureIdentityResolver } from './fixture-resolver.js';
import { ResolverChain } from './resolver-chain.js';
import { secretKeyFile } from './secret-key-file.js';
import { SessionIdentityResolver } from './session-resolver.js';
import { SessionStore } from './session-store.js';
import { SetupTokens } from './setup-tokens.js';

/** Who people and programs are, how they prove it, and what they may do: everything identity, opened once per process. */
export interface IdentityStack {
  db: Database;
  directory: Directory;
  credentials: CredentialStore;
  throttle: LoginThrottle;
  sessions: SessionStore;
  setupTokens: SetupTokens;
  keys: ProviderKeys;
  /** Session cookie, then bearer token, then (in tests only) fixture identities. */
  resolver: IdentityResolver;
}

export interface IdentityStackOptions {
  config: HostConfig;
  db: Database;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
  log: Logger;
  catalog: () => Catalog;
}

export async function openIdentityStack({ config, db, bus, clock, audit, log, catalog }: IdentityStackOptions): Promise<IdentityStack> {
  const directory = new Directory({ db, bus, clock, audit, catalog, log });
  await directory.ready;
  const totpKey = await secretKeyFile(join(config.dataDir, 'keys', 'totp-secret.key'));
  const credentials = new CredentialStore({ knex: db.knex, clock, totpCipher: aesGcmSecretCipher(totpKey) });
  const throttle = new LoginThrottle({ knex: db.knex, clock });
  const { idleMinutes, absoluteHours } = config.identity.session;
  const sessions = await SessionStore.open(db.knex, bus, clock, { idleMs: idleMinutes * 60_000, absoluteMs: absoluteHours * 3_600_000 });
  const keys = await loadProviderKeys(db.knex);
  const resolver = new ResolverChain([
    new SessionIdentityResolver(sessions, directory),
    new BearerIdentityResolver(keys.signing, API_RESOURCE, directory, async () => (await loadProviderKeys(db.knex)).signing),
    new BasicClientResolver(db.knex, directory),
    ...(config.identity.fixtures ? [new FixtureIdentityResolver(config.identity.fixtures)] : []),
  ]);
  return { db, directory, credentials, throttle, sessions, setupTokens: new SetupTokens(db.knex, clock), keys, resolver };
}
