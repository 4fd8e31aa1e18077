import { pushQueue, type EventBus, type Identity, type ResourceScope, type ServerSentEvent, type Subscription } from '@switchboard/sdk';
import type { CallStore } from './call-store.js';
import { CALLS_COMMITTED, type CallsCommitted, type CommittedCall } from './publish.js';
import { TrafficFilter } from './traffic-filter.js';

/** Most calls a reconnecting client is sent from storage before the live part; older ones it reads from GET /calls. */
export const REPLAY_LIMIT = 1_000;

/** Calls held for a client that does not read: past this the stream ends, and the client resumes from its Last-Event-ID. */
const MAX_QUEUED = 10_000;

export interface LiveReader {
  identity: Identity;
  scope: ResourceScope;
}

/** The call as GET /calls answers it: the stored id travels as the event's id, not in its data. */
const answerOf = ({ id: _id, ...call }: CommittedCall): Omit<CommittedCall, 'id'> => call;

/**
 * A reader's committed calls as Server-Sent Events (`call`, id = the stored id): after `afterId`
 * (a Last-Event-ID), first the stored calls the client missed, oldest first and at most
 * REPLAY_LIMIT, then live ones. The subscription is made before the replay is read, so a call
 * committed in between comes live and is not lost; one the replay already sent is dropped.
 *
 * Ids on the wire only grow, so the Last-Event-ID a client comes back with is the furthest it got.
 * Concurrent ingests (PostgreSQL) can commit a lower id after a higher one was sent: such a call
 * is still sent, but without an id, so the client's cursor does not go back and a reconnect does
 * not repeat what it saw. (One committed that late while the client is away is not replayed; the
 * client's GET /calls has it.)
 *
 * Unlike an async generator, `return()` unsubscribes at once, even while a read is pending.
 */
export function liveCalls(events: EventBus, calls: CallStore, reader: LiveReader, afterId: number | undefined): AsyncIterableIterator<ServerSentEvent> {
  const { identity, scope } = reader;
  const inScope = (call: CommittedCall) => scope === '*' || scope.includes(call.dialedNumber);
  /** Live calls that came while the replay was being read; sent after it. */
  const early: CommittedCall[] = [];
  /** The ids the replay sent; null until it is read. */
  let replayed: Set<number> | null = null;
  let lastSent = afterId ?? 0;
  let subscription: Subscription | null = null;
  let started: Promise<void> | null = null;
  let done = false;

  const finish = async (): Promise<IteratorResult<ServerSentEvent>> => {
    done = true;
    early.length = 0;
    queue.end();
    const active = subscription;
    subscription = null;
    await active?.unsubscribe();
    return { value: undefined, done: true };
  };

  const queue = pushQueue<ServerSentEvent>(MAX_QUEUED, () => void finish());
  const push = (event: ServerSentEvent) => queue.push(event);

  const offer = (call: CommittedCall) => {
    if (call.id > lastSent) {
      lastSent = call.id;
      push({ id: String(call.id), event: 'call', data: answerOf(call) });
    } else if (!replayed!.has(call.id)) push({ event: 'call', data: answerOf(call) });
  };

  const start = async () => {
    const active = await events.subscribe<CallsCommitted>(CALLS_COMMITTED, (event) => {
      if (done || !identity.tenants.includes(event.data.tenantId)) return;
      for (const call of event.data.calls) {
        if (!inScope(call)) continue;
        if (replayed) offer(call);
        else if (early.length >= MAX_QUEUED) void finish();
        else early.push(call);
      }
    });
    // The client may have gone while subscribing.
    if (done) return active.unsubscribe();
    subscription = active;
    const missed = afterId === undefined ? [] : await calls.listAfter(new TrafficFilter(identity, scope), afterId, REPLAY_LIMIT);
    if (done) return;
    replayed = new Set(missed.map((call) => call.id));
    for (const call of missed) offer(call);
    for (const call of early.splice(0)) offer(call);
  };

  const iterator: AsyncIterableIterator<ServerSentEvent> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      started ??= start();
      await started;
      return queue.next();
    },
    return: finish,
  };
  return iterator;
}
