/** Names the provider, its routes and the host's own client share; kept apart so importing them does not load oidc-provider. */

/** The shell's own client: the host, acting as the browser's backend, signs it in with code + PKCE. */
export const SHELL_CLIENT = 'switchboard-shell';
/** The audience of API access tokens: every plugin's /api. */
export const API_RESOURCE = 'urn:switchboard:api';
export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PREFIX = '/auth/interaction';
