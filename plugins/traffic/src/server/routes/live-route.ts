import { eventStream, lastEventId, type EventBus, type PluginDispatcher } from '@switchboard/sdk';
import type { CallStore } from '../call-store.js';
import { liveCalls } from '../live-calls.js';

/** A Last-Event-ID this stream wrote (a stored id); anything else starts afresh rather than failing a reconnect. */
function resumeAfter(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/**
 * GET /live: the caller's committed calls as Server-Sent Events, within their tenants and the
 * dialed numbers their grant of calls.read is scoped to, resumable by Last-Event-ID. For the
 * real-time monitor and anything else watching traffic as it happens.
 */
export function registerLiveRoute(dispatcher: PluginDispatcher, events: EventBus, calls: CallStore): void {
  dispatcher.route({
    method: 'GET',
    path: '/live',
    access: { entitlement: 'calls.read' },
    handler: (request) => eventStream(liveCalls(events, calls, { identity: request.identity!, scope: request.scope }, resumeAfter(lastEventId(request)))),
  });
}
