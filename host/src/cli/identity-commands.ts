import { parseArgs } from 'node:util';
import { rotateProviderKeys } from '../oidc/keys.js';
import { loadConfig } from '../config/load.js';
import type { HostConfig } from '../config/types.js';
import { OPERATOR } from '../directory/index.js';
import { registerApiClient } from '../identity/api-clients.js';
import { withOfflineIdentity } from './offline-identity.js';

/** A mistake in how a command was called; the CLI prints it with the usage. */
export class UsageError extends Error {}

const out = (line = '') => process.stdout.write(`${line}\n`);
const list = (value: string | undefined) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined);
const need = (value: string | undefined, what: string) => {
  if (!value) throw new UsageError(`${what} is required`);
  return value;
};

/** Where people reach this portal, for the links the commands print. */
export const portalUrl = (config: HostConfig) =>
  config.server.publicHost ? `https://${config.server.publicHost}` : `https://localhost${config.server.httpsPort === 443 ? '' : `:${config.server.httpsPort}`}`;

export async function tenantAdd(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, kind: { type: 'string', default: 'customer' }, parent: { type: 'string' }, theme: { type: 'string' }, mfa: { type: 'boolean', default: false }, services: { type: 'string' } },
  });
  const id = need(positionals[0], 'the tenant id');
  if (values.kind !== 'customer' && values.kind !== 'reseller') throw new UsageError('--kind is customer or reseller');
  const config = loadConfig();
  await withOfflineIdentity(config, async ({ directory }) => {
    const parentId = values.parent ?? (await directory.ensureCarrier('carrier', 'Carrier')).id;
    const tenant = await directory.createTenant(OPERATOR, {
      id,
      parentId,
      kind: values.kind as 'customer' | 'reseller',
      name: need(values.name, '--name'),
      theme: values.theme ?? null,
      mfaRequired: values.mfa,
      subscriptions: list(values.services),
    });
    out(`Tenant ${tenant.id} (${tenant.kind}) added under ${tenant.parentId}: ${tenant.path}`);
  });
}

export async function userAdd(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { tenant: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string', default: 'administrator' }, scope: { type: 'string' } },
  });
  const login = need(positionals[0], 'the login');
  const config = loadConfig();
  await withOfflineIdentity(config, async ({ directory, setupTokens }) => {
    const user = await directory.createUser(OPERATOR, { tenantId: need(values.tenant, '--tenant'), login, name: values.name ?? login, email: values.email ?? (login.includes('@') ? login : '') });
    await directory.grant(OPERATOR, { subject: { kind: 'user', id: user.id }, roleId: values.role, scope: list(values.scope) ?? '*' });
    const token = await setupTokens.issue(user.id);
    out(`User ${user.login} added to ${user.tenantId} with role ${values.role}.`);
    out(`One-time setup link (valid 72 hours; give it to ${user.name} only):`);
    out(`  ${portalUrl(config)}/auth/setup/${token}`);
  });
}

export async function clientAdd(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { tenant: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string', default: 'automation' }, role: { type: 'string' }, scope: { type: 'string' }, 'redirect-uri': { type: 'string', multiple: true } },
  });
  if (values.kind !== 'automation' && values.kind !== 'network') throw new UsageError('--kind is automation or network');
  // Switches and proxies get the network element's role unless told otherwise.
  const roleId = values.role ?? (values.kind === 'network' ? 'network-element' : 'analyst');
  const config = loadConfig();
  await withOfflineIdentity(config, async (stack) => {
    const { client, secret } = await registerApiClient(stack, OPERATOR, {
      tenantId: need(values.tenant, '--tenant'),
      name: need(values.name, '--name'),
      kind: values.kind as 'automation' | 'network',
      roleId,
      scope: list(values.scope) ?? '*',
      redirectUris: values['redirect-uri'],
    });
    out(`API client added to ${client.tenantId} with role ${roleId}. The secret is shown only now:`);
    out(`  client_id:     ${client.id}`);
    out(`  client_secret: ${secret}`);
    out(`  token URL:     ${portalUrl(config)}/oidc/token  (grant_type=client_credentials, HTTP Basic)`);
  });
}

export async function keysRotate() {
  const config = loadConfig();
  await withOfflineIdentity(config, async ({ db }) => {
    const { added, retired } = await rotateProviderKeys(db.knex);
    out(`New signing keys ${added.join(', ')}; retired ${retired.join(', ') || 'none'} (they verify tokens for one more day).`);
    out('Hosts sign with the new keys from their next start.');
  });
}
