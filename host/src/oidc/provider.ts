import type { Knex } from 'knex';
import type { Context, Middleware } from 'koa';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { ApiError } from '@switchboard/sdk';
import { KnexOidcAdapter } from './adapter.js';
import { ClientAdapter } from './client-adapter.js';
import type { ProviderKeys } from './keys.js';
import { API_RESOURCE, INTERACTION_PREFIX, OIDC_PREFIX, SHELL_CLIENT } from './constants.js';
import { sameSecret } from './secrets.js';
import { ownOrigin } from '../server/own-origin.js';


export interface Account {
  id: string;
  name: string;
  email: string | null;
  tenantId: string;
}

export interface ProviderOptions {
  knex: Knex;
  keys: ProviderKeys;
  account(userId: string): Promise<Account | null>;
  /** Host names (no port) the portal answers on; each gets its own issuer. */
  isKnownHost(hostname: string): boolean;
  sessionTtlSeconds: number;
  trustProxy: boolean;
}

/**
 * One OpenID Provider per host name the portal serves, all sharing storage and keys: a reseller's
 * customers sign in on the reseller's host name, under the reseller's brand, and their cookies stay
 * on that host. Providers are made on the first request for a host and kept.
 */
export class Providers {
  private readonly byOrigin = new Map<string, Provider>();

  constructor(private readonly options: ProviderOptions) {}

  forContext(ctx: Context): Provider {
    const origin = this.options.isKnownHost(ctx.hostname) ? ownOrigin(ctx) : null;
    // Only the host names the portal serves (its themes', the public one, loopback): a forged Host
    // header must not mint an issuer or a redirect to somewhere else.
    if (!origin) throw new ApiError(404, 'unknown_host', 'This portal does not answer on that host name.');
    let provider = this.byOrigin.get(origin);
    if (!provider) this.byOrigin.set(origin, (provider = this.create(origin)));
    return provider;
  }

  /** Everything under /oidc goes to the provider of the request's host. */
  middleware(): Middleware {
    return async (ctx, next) => {
      if (ctx.path !== OIDC_PREFIX && !ctx.path.startsWith(`${OIDC_PREFIX}/`)) return next();
      const provider = this.forContext(ctx);
      // As Express mounts do: the provider reads its mount path from originalUrl minus url.
      const original = ctx.req.url!;
      Object.assign(ctx.req, { originalUrl: original });
      ctx.req.url = original.slice(OIDC_PREFIX.length) || '/';
      ctx.respond = false;
      await provider.callback()(ctx.req, ctx.res);
    };
  }

  private create(origin: string): Provider {
    const { knex, keys, account, sessionTtlSeconds } = this.options;
    const clientAdapter = new ClientAdapter(knex);
    const configuration: Configuration = {
      adapter: (name: string) => (name === 'Client' ? clientAdapter : new KnexOidcAdapter(knex, name)),
      clients: [
        {
          client_id: SHELL_CLIENT,
          client_name: 'Switchboard',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [`${origin}/auth/callback`],
        },
      ],
      findAccount: async (_ctx, id) => {
        const found = await account(id);
        if (!found) return undefined;
        return {
          accountId: found.id,
          claims: async () => ({ sub: found.id, name: found.name, ...(found.email ? { email: found.email } : {}), tenant: found.tenantId }),
        };
      },
      claims: { openid: ['sub'], profile: ['name', 'tenant'], email: ['email'] },
      scopes: ['openid', 'profile', 'email', 'api'],
      jwks: { keys: keys.signing as NonNullable<Configuration['jwks']>['keys'] },
      cookies: {
        keys: keys.secrets,
        long: { httpOnly: true, sameSite: 'lax', secure: true },
        short: { httpOnly: true, sameSite: 'lax', secure: true },
      },
      pkce: { required: () => true },
      interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}/${interaction.uid}` },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        revocation: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => API_RESOURCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource) => {
            if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
            return { scope: 'api', audience: API_RESOURCE, accessTokenTTL: 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
          },
        },
      },
      // The portal's clients belong to the customer who registered them: no consent screen.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope('openid profile email');
        grant.addResourceScope(API_RESOURCE, 'api');
        await grant.save();
        return grant;
      },
      ttl: {
        Session: sessionTtlSeconds,
        Grant: sessionTtlSeconds,
        Interaction: 600,
        AuthorizationCode: 60,
        AccessToken: 600,
        ClientCredentials: 600,
        IdToken: 600,
      },
      renderError: (ctx, out) => {
        ctx.type = 'application/json';
        ctx.body = { error: { code: out.error, message: out.error_description ?? 'The sign-in request cannot be completed.' } };
      },
    };
    const provider = new Provider(`${origin}${OIDC_PREFIX}`, configuration);
    provider.proxy = this.options.trustProxy;
    // Stored client secrets are hashes: compare the hash of what the client presents.
    (provider.Client.prototype as unknown as { compareClientSecret(actual: string): boolean }).compareClientSecret = function (this: { clientSecret: string }, actual: string) {
      return sameSecret(this.clientSecret, actual);
    };
    return provider;
  }
}
