import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import { fetchWithCa, send, signIn, webClient, type SeededUser, type TestHost, type TestResponse } from './switchboard.js';

/** Someone calling the API: a signed-in browser or an API client with its bearer token. */
export interface Caller {
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  put(path: string, body: unknown): Promise<TestResponse>;
  delete(path: string): Promise<TestResponse>;
}

/** A person signed in through the real pages, sending the shell's anti-forgery token and Origin on changes, as the shell does. */
export async function signedInUser(host: TestHost, user: SeededUser): Promise<Caller> {
  const client = webClient(host);
  assert.equal((await signIn(client, user.login, user.password)).path, '/', `${user.login} signs in`);
  const session = await client.request('GET', '/api/shell/session');
  assert.equal(session.status, 200);
  const changing = { origin: host.url, 'x-csrf-token': session.body.csrfToken as string };
  return {
    get: (path, headers) => client.request('GET', path, { headers }),
    post: (path, json, headers) => client.request('POST', path, { headers: { ...changing, ...headers }, json }),
    put: (path, json) => client.request('PUT', path, { headers: changing, json }),
    delete: (path) => client.request('DELETE', path, { headers: changing }),
  };
}

/**
 * An OAuth client registered by the operator (a SIP proxy as a network element), with a bearer
 * token got by client credentials through openid-client, as the equipment's own code would.
 */
export async function networkElement(host: TestHost, tenantId: string, name: string): Promise<Caller & { token: string }> {
  const { client, secret } = await registerApiClient(host.identity, OPERATOR, { tenantId, name, kind: 'network', roleId: 'network-element' });
  const config = await oidc.discovery(new URL(`${host.url}/oidc`), client.id, secret, oidc.ClientSecretBasic(secret), {
    [oidc.customFetch]: fetchWithCa(host.tls.cert) as unknown as oidc.CustomFetch,
  });
  const { access_token: token } = await oidc.clientCredentialsGrant(config);
  const authorization = { authorization: `Bearer ${token}` };
  const call = (method: string) => (path: string, body?: unknown, headers?: Record<string, string>) => send(host.url, method, path, { ca: host.tls.cert, headers: { ...authorization, ...headers }, body });
  return { token, get: (path, headers) => call('GET')(path, undefined, headers), post: call('POST'), put: call('PUT'), delete: (path) => call('DELETE')(path) };
}
