import { ApiError, type BodyStream } from '@switchboard/sdk';
import type { RouteCall, RouteDescription, RouteOutcome } from '../dispatcher/route.js';
import type { AssertionKeys } from './assertion-keys.js';
import { digestOf, signAssertion } from './assertion.js';
import { WORKER_CALL_PATH, WORKER_ROUTES_PATH, type WorkerCall } from './protocol.js';

const unavailable = (plugin: string) =>
  new ApiError(503, 'plugin_unavailable', `The ${plugin} service is not answering right now; try again shortly.`, undefined, { 'Retry-After': '5' });

/**
 * The front host's side of a remote plugin: each already-authorised call goes to the worker with a
 * short-lived assertion, signed for that call only, and the worker's answer comes back as it is.
 */
export function remoteInvoker(baseUrl: string, plugin: string, keys: AssertionKeys, ttlSeconds: number) {
  return async (route: RouteDescription, call: RouteCall): Promise<RouteOutcome> => {
    const { identity, ...rest } = call;
    // A streamed body crosses to the worker whole (it is bounded by the route's maxBytes), as base64.
    const body = route.rawBody ? { base64: Buffer.concat(await collect(call.body as BodyStream)).toString('base64') } : rest.body;
    const payload = JSON.stringify({ plugin, method: route.method, path: route.path, call: { ...rest, body } } satisfies WorkerCall);
    const token = await signAssertion(keys, { identity, requestId: call.requestId, plugin, digest: digestOf(payload) }, ttlSeconds);
    let response: Response;
    try {
      response = await fetch(new URL(WORKER_CALL_PATH, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': call.requestId },
        body: payload,
      });
    } catch {
      throw unavailable(plugin);
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (response.headers.get('x-switchboard-outcome') !== 'handler') {
      // The worker itself refused (bad assertion, unknown route): that is the host's fault, not the caller's.
      throw new ApiError(502, 'plugin_refused', `The ${plugin} service refused the call.`);
    }
    return parsed as RouteOutcome;
  };
}

async function collect(stream: BodyStream): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** Asks a worker for the routes its plugin declares, waiting for the worker to come up. */
export async function fetchRemoteRoutes(baseUrl: string, plugin: string, keys: AssertionKeys, ttlSeconds: number, waitMs = 15000): Promise<RouteDescription[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const token = await signAssertion(keys, { identity: null, requestId: 'route-discovery', plugin, digest: digestOf('') }, ttlSeconds);
    try {
      const response = await fetch(new URL(`${WORKER_ROUTES_PATH}?plugin=${encodeURIComponent(plugin)}`, baseUrl), {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`the worker answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as RouteDescription[];
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`The worker for ${plugin} at ${baseUrl} cannot be reached: ${(error as Error).message}`, { cause: error });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
