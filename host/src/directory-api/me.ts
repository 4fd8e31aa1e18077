import { unauthenticated, type Identity, type PluginDispatcher } from '@switchboard/sdk';
import type { Directory } from '../directory/index.js';
import * as input from './input-schemas.js';
import * as out from './response-schemas.js';

/**
 * GET /me: who the caller is and why they may do what they may. Every signed-in caller may read
 * this about themselves, whatever they hold, and nothing about anyone else, so it is declared
 * public and answers only for the identity the request carries; the directory's own rules let
 * anyone read their own record, tenant and explanation without a `host:` entitlement.
 */
export function meRoute(routes: PluginDispatcher, directory: Directory): void {
  routes.route({
    method: 'GET',
    path: '/me',
    access: { public: true, reason: 'answers only for the caller; anonymous callers get 401' },
    schemas: { query: input.noQuery, response: out.me },
    handler: ({ identity }) => {
      if (!identity) throw unauthenticated();
      return summary(directory, identity);
    },
  });
}

async function summary(directory: Directory, identity: Identity) {
  const base = { kind: identity.kind, subject: identity.subject, name: identity.name ?? null, tenantId: identity.tenantId };
  // Test fixtures are not in the directory: they have no record, tenant row or grants to explain.
  if (identity.kind === 'fixture') return { ...base, tenant: null, user: null, client: null, explanation: null };
  const subject = { kind: identity.kind, id: identity.subject };
  const [tenant, user, client, explanation] = await Promise.all([
    directory.getTenant(identity, identity.tenantId),
    identity.kind === 'user' ? directory.getUser(identity, identity.subject) : null,
    identity.kind === 'client' ? directory.getClient(identity, identity.subject) : null,
    directory.explain(identity, subject),
  ]);
  return { ...base, tenant, user, client, explanation };
}
