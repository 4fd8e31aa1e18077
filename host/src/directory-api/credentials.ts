import { conflict, forbidden, reply, type Identity, type PluginDispatcher } from '@switchboard/sdk';
import type { CredentialStore } from '../auth/index.js';
import type { Directory } from '../directory/index.js';
import type { SetupTokens } from '../identity/setup-tokens.js';
import { callerOf } from './caller.js';
import * as input from './input-schemas.js';

/** Where a setup link leads: the page on which a new user chooses their password (host/src/oidc/setup-routes.ts). */
const SETUP_PATH = '/auth/setup/';

const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const;

const invitation = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'path'],
  properties: { userId: { type: 'string' }, path: { type: 'string' } },
} as const;

const secondFactor = {
  type: 'object',
  additionalProperties: false,
  required: ['enrolled', 'since', 'recoveryCodesLeft'],
  properties: { enrolled: { type: 'boolean' }, since: { type: ['string', 'null'] }, recoveryCodesLeft: { type: 'integer' } },
} as const;

/**
 * What an administrator does about someone else's credentials, never their own (403 `own_account`):
 * the invitation link with which an invited user sets their password, and resetting a second
 * factor that was lost. Both hand over the user's standing, so the administrator must hold at least
 * everything the user holds (403 `grant_exceeds_own`), as the directory asks before enabling a user.
 */
export function credentialRoutes(routes: PluginDispatcher, directory: Directory, credentials: CredentialStore, setupTokens: SetupTokens): void {
  /** The user, in the caller's view (404 otherwise), someone else, and no more than the caller. */
  async function coveredUser(caller: Identity, userId: string) {
    if (caller.kind === 'user' && caller.subject === userId) throw forbidden('Nobody manages their own credentials here; sign in and use your own settings.', 'own_account');
    const user = await directory.getUser(caller, userId);
    await directory.requireCovers(caller, { kind: 'user', id: user.id });
    return user;
  }

  routes.route<{ id: string }>({
    method: 'POST',
    path: '/users/:id/invitation',
    access: { entitlement: 'users.write' },
    schemas: { params: input.idParams(), query: input.noQuery, body: emptyBody, response: invitation },
    summary: 'issue an invitation link',
    handler: async (request) => {
      const user = await coveredUser(callerOf(request), request.params.id);
      if (user.status !== 'invited') {
        throw conflict(`${user.name} has set up their account already; a second invitation would let whoever holds it take the account over.`, 'not_invited');
      }
      // A new link cancels the older ones. The link is a secret: shown once, never stored or audited.
      const token = await setupTokens.issue(user.id);
      return reply(201, { userId: user.id, path: `${SETUP_PATH}${token}` }, { 'Cache-Control': 'no-store' });
    },
  });

  routes.route<{ id: string }>({
    method: 'GET',
    path: '/users/:id/second-factor',
    access: { entitlement: 'users.read' },
    schemas: { params: input.idParams(), query: input.noQuery, response: secondFactor },
    handler: async (request) => {
      const user = await directory.getUser(callerOf(request), request.params.id);
      const status = await credentials.totp.status(user.id);
      return { enrolled: status.enabled, since: status.enabledAt?.toISOString() ?? null, recoveryCodesLeft: await credentials.recoveryCodes.remaining(user.id) };
    },
  });

  routes.route<{ id: string }>({
    method: 'DELETE',
    path: '/users/:id/second-factor',
    access: { entitlement: 'users.write' },
    schemas: { params: input.idParams(), query: input.noQuery },
    summary: 'reset a second factor',
    handler: async (request) => {
      const user = await coveredUser(callerOf(request), request.params.id);
      // The user enrols again at their next sign-in (where the tenant requires a second factor).
      await credentials.totp.disable(user.id);
      await credentials.recoveryCodes.remove(user.id);
      return reply(204);
    },
  });
}
