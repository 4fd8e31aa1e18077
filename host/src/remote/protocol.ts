import type { HttpMethod } from '@switchboard/sdk';
import type { RouteCall } from '../dispatcher/route.js';

/** The worker's two doors; nothing else is served. */
export const WORKER_ROUTES_PATH = '/_worker/routes';
export const WORKER_CALL_PATH = '/_worker/call';

/** One forwarded call. The caller's identity travels only inside the signed assertion, never here. */
export interface WorkerCall {
  plugin: string;
  method: HttpMethod;
  path: string;
  call: Omit<RouteCall, 'identity'>;
}
