import type { ApiClient, ClientKind, ResourceScope } from '@switchboard/sdk';
import { badRequest } from '@switchboard/sdk';
import type { Actor } from '../directory/index.js';
import { hashSecret, newClientSecret } from '../oidc/secrets.js';
import type { IdentityStack } from './identity-stack.js';

export interface NewApiClient {
  tenantId: string;
  name: string;
  kind: ClientKind;
  /** The role the client acts with, optionally scoped to resources (these numbers, these circuits). */
  roleId: string;
  scope?: ResourceScope;
  /** For a customer's own web application signing its users in (authorization code + PKCE). */
  redirectUris?: string[];
}

/** https anywhere, or http on the loopback address for a native application (RFC 8252 §7.3). */
const REDIRECT_URI = /^(https:\/\/[^\s#]+|http:\/\/127\.0\.0\.1(:\d+)?\/[^\s#]*)$/;

/**
 * Registers an OAuth client for a customer's automation or a network element: the directory's
 * client, its grant, and a secret shown only now (stored as its hash). If the actor may not give
 * the client that grant, the client is left disabled and the refusal is thrown.
 */
export async function registerApiClient(stack: IdentityStack, actor: Actor, input: NewApiClient): Promise<{ client: ApiClient; secret: string }> {
  const redirectUris = input.redirectUris ?? [];
  const bad = redirectUris.findIndex((uri) => !REDIRECT_URI.test(uri));
  if (bad >= 0) throw badRequest('A redirect URI is not acceptable.', [{ field: `redirectUris.${bad}`, message: 'must be an https URL, or http://127.0.0.1 for a native application, without a fragment' }]);
  const { directory } = stack;
  const client = await directory.createClient(actor, { tenantId: input.tenantId, name: input.name, kind: input.kind });
  const secret = newClientSecret();
  await stack.db.knex('host_client_credentials').insert({
    client_id: client.id,
    secret_hash: hashSecret(secret),
    redirect_uris: JSON.stringify(redirectUris),
    grant_types: JSON.stringify(redirectUris.length ? ['client_credentials', 'authorization_code'] : ['client_credentials']),
    created_at: new Date().toISOString(),
  });
  try {
    await directory.grant(actor, { subject: { kind: 'client', id: client.id }, roleId: input.roleId, scope: input.scope });
  } catch (error) {
    await directory.setClientStatus(actor, client.id, 'disabled');
    throw error;
  }
  return { client, secret };
}
