import assert from 'node:assert/strict';
import type { TestResponse } from '../support/http.js';
import type { TestDatabase } from '../support/databases.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { signIn, webClient, type SeededUser } from '../support/identity.js';
import type { WebClient } from '../support/web-client.js';

/** The host's directory API, as a browser reaches it. */
export const API = '/api/host';

/**
 * A signed-in browser tab: the cookie from the real sign-in pages, and the page's anti-forgery
 * token and Origin on every change, as the shell sends them.
 */
export interface ApiSession {
  client: WebClient;
  get(path: string): Promise<TestResponse>;
  post(path: string, body: unknown): Promise<TestResponse>;
  patch(path: string, body: unknown): Promise<TestResponse>;
  put(path: string, body: unknown): Promise<TestResponse>;
  delete(path: string): Promise<TestResponse>;
}

export async function signedIn(host: TestHost, user: SeededUser): Promise<ApiSession> {
  const client = webClient(host);
  const landed = await signIn(client, user.login, user.password);
  assert.equal(landed.path, '/', `${user.login} signs in`);
  const session = await client.request('GET', '/api/shell/session');
  assert.equal(session.status, 200);
  const headers = { origin: host.url, 'x-csrf-token': session.body.csrfToken as string };
  const change = (method: string) => (path: string, json?: unknown) => client.request(method, `${API}${path}`, { headers, ...(json === undefined ? {} : { json }) });
  return {
    client,
    get: (path) => client.request('GET', `${API}${path}`),
    post: change('POST'),
    patch: change('PATCH'),
    put: change('PUT'),
    delete: (path) => change('DELETE')(path),
  };
}

/** A host on a fresh database with sign-in for real (no fixture identities), and its cleanup. */
export async function startHostOn(open: () => Promise<TestDatabase>): Promise<{ host: TestHost; cleanup: () => Promise<void> }> {
  const database = await open();
  const host = await startTestHost({ database: { url: database.url, schema: database.schema ?? null }, identity: { fixtures: null } as never });
  return {
    host,
    cleanup: async () => {
      await host.dispose();
      await database.cleanup();
    },
  };
}

/** The error of an answer with its request id blanked, to compare two refusals field by field. */
export const errorOf = (res: TestResponse) => ({ status: res.status, error: { ...res.body.error, requestId: null } });
