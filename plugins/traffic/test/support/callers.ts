import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import type { ClientKind } from '@switchboard/sdk';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import { SESSION_COOKIE } from '@switchboard/host/dist/identity/cookies.js';
import { streamPost, type StreamOutcome, type StreamPostOptions } from './stream-post.js';
import { fetchWithCa, openEventStream, send, signIn, webClient, type SeededUser, type TestHost, type TestResponse } from './switchboard.js';

/** Someone calling the API: a signed-in browser or an API client with its bearer token. */
export interface Caller {
  get(path: string): Promise<TestResponse>;
  post(path: string, body: unknown): Promise<TestResponse>;
  put(path: string, body: unknown): Promise<TestResponse>;
  /** A body sent as it is, with its content type: what equipment posts. */
  postRaw(path: string, body: string, contentType: string): Promise<TestResponse>;
  /** A Server-Sent Events stream, resumed after `lastEventId` when given, as a browser reconnects. */
  stream(path: string, lastEventId?: string): ReturnType<typeof openEventStream>;
}

const resumeHeader = (lastEventId: string | undefined): Record<string, string> => (lastEventId === undefined ? {} : { 'last-event-id': lastEventId });

/**
 * A person signed in through the real pages, sending the shell's anti-forgery token and Origin on
 * changes, as the browser shell does.
 */
export async function signedInUser(host: TestHost, user: SeededUser): Promise<Caller> {
  const client = webClient(host);
  const landed = await signIn(client, user.login, user.password);
  assert.equal(landed.path, '/', `${user.login} signs in`);
  const session = await client.request('GET', '/api/shell/session');
  assert.equal(session.status, 200);
  const headers = { origin: host.url, 'x-csrf-token': session.body.csrfToken as string };
  return {
    get: (path) => client.request('GET', path),
    post: (path, json) => client.request('POST', path, { headers, json }),
    put: (path, json) => client.request('PUT', path, { headers, json }),
    postRaw: () => Promise.reject(new Error('a browser session posts JSON')),
    // EventSource sends the session cookie, as any same-origin request does.
    stream: (path, lastEventId) => {
      const cookie = `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE) ?? ''}`;
      return openEventStream(`${host.url}${path}`, { ca: host.tls.cert, headers: { cookie, ...resumeHeader(lastEventId) } });
    },
  };
}

/**
 * An OAuth client registered by the operator (a switch as a network element, or a customer's
 * automation), with a bearer token got by client credentials through openid-client, as the
 * equipment's or the customer's own code would get it.
 */
export interface ApiClient extends Caller {
  clientId: string;
  /** `Basic base64(id:secret)`: the client's own credentials, as equipment that cannot fetch tokens sends them. */
  basicAuthorization: string;
  /** A POST with a chunked body (or only headers, `holdBody`), as a collector streams an export. */
  postStream(path: string, contentType: string, body: Pick<StreamPostOptions, 'chunks' | 'holdBody'>): Promise<StreamOutcome>;
}

export async function apiClient(host: TestHost, input: { tenantId: string; name: string; kind: ClientKind; roleId: string }): Promise<ApiClient> {
  const { client, secret } = await registerApiClient(host.identity, OPERATOR, input);
  const config = await oidc.discovery(new URL(`${host.url}/oidc`), client.id, secret, oidc.ClientSecretBasic(secret), {
    [oidc.customFetch]: fetchWithCa(host.tls.cert) as unknown as oidc.CustomFetch,
  });
  const { access_token: token } = await oidc.clientCredentialsGrant(config);
  const authorization = { authorization: `Bearer ${token}` };
  const call = (method: string) => (path: string, body?: unknown) => send(host.url, method, path, { ca: host.tls.cert, headers: authorization, body });
  return {
    clientId: client.id,
    basicAuthorization: `Basic ${Buffer.from(`${client.id}:${secret}`).toString('base64')}`,
    get: (path) => call('GET')(path),
    post: call('POST'),
    put: call('PUT'),
    postRaw: (path, rawBody, contentType) => send(host.url, 'POST', path, { ca: host.tls.cert, headers: { ...authorization, 'content-type': contentType }, rawBody }),
    stream: (path, lastEventId) => openEventStream(`${host.url}${path}`, { ca: host.tls.cert, headers: { ...authorization, ...resumeHeader(lastEventId) } }),
    postStream: (path, contentType, body) => streamPost(host.url, path, { ca: host.tls.cert, headers: { ...authorization, 'content-type': contentType }, ...body }),
  };
}
