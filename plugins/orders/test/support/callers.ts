import assert from 'node:assert/strict';
import { SESSION_COOKIE } from '@switchboard/host/dist/identity/cookies.js';
import { openEventStream, signIn, webClient, type SeededUser, type TestHost, type TestResponse } from './switchboard.js';

/** A person signed in through the real pages, calling the API as the browser shell does. */
export interface Caller {
  get(path: string): Promise<TestResponse>;
  post(path: string, body: unknown): Promise<TestResponse>;
  /** A Server-Sent Events stream, opened with the session cookie as EventSource sends it. */
  stream(path: string): ReturnType<typeof openEventStream>;
}

/** Signs in through the real pages and sends the shell's anti-forgery token and Origin on changes. */
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
    stream: (path) => openEventStream(`${host.url}${path}`, { ca: host.tls.cert, headers: { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE) ?? ''}` } }),
  };
}
