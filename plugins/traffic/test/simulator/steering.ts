import assert from 'node:assert/strict';
import { signIn, webClient, type SeededUser, type TestHost, type TestResponse } from '../support/switchboard.js';

/** A signed-in person steering the simulator from the shell: GET, and PATCH with the anti-forgery token and Origin. */
export interface SteeringUser {
  get(path: string): Promise<TestResponse>;
  patch(path: string, body: unknown): Promise<TestResponse>;
}

export async function steeringUser(host: TestHost, user: SeededUser): Promise<SteeringUser> {
  const client = webClient(host);
  assert.equal((await signIn(client, user.login, user.password)).path, '/', `${user.login} signs in`);
  const session = await client.request('GET', '/api/shell/session');
  const headers = { origin: host.url, 'x-csrf-token': session.body.csrfToken as string };
  return {
    get: (path) => client.request('GET', path),
    patch: (path, json) => client.request('PATCH', path, { headers, json }),
  };
}

/**
 * Waits until `condition` holds, asking again every 50 ms: the simulator runs on the host's own
 * clock, so its calls arrive when they arrive. Fails naming `what` when it never holds; the
 * deadline is generous so a slow machine stays green, while a broken simulator still fails.
 */
export async function eventually(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
