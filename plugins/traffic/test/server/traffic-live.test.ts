import assert from 'node:assert/strict';
import { callInput } from '../support/index.js';
import { apiClient, signedInUser, type ApiClient, type Caller } from '../support/callers.js';
import { forEachDatabase, seedTenant, seedUser, type SseEvent, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';

type Stream = ReturnType<Caller['stream']>;

/** Polls until `ok`, up to five seconds: how long a committed call may take to reach a stream here. */
async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(ok(), `timed out waiting for ${what}`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opened, and given a moment to subscribe: the stream has no signal for that, and calls before it are not live. */
async function listening(stream: Stream): Promise<Stream> {
  assert.equal((await stream.opened).status, 200);
  await pause(200);
  return stream;
}

const sourceIds = (events: readonly SseEvent[]) => events.map((event) => (event.data as { sourceId: string }).sourceId);

forEachDatabase((kind, open) => {
  describe(`traffic: GET /live, committed calls as Server-Sent Events (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let acmeAnalyst: Caller;
    let acmeScoped: Caller;
    let globexUser: Caller;
    let edge: ApiClient;
    const streams: Stream[] = [];
    const stream = (caller: Caller, lastEventId?: string) => {
      const opened = caller.stream('/api/traffic/live', lastEventId);
      streams.push(opened);
      return opened;
    };
    const post = async (...calls: Record<string, unknown>[]) => {
      const answer = await edge.post('/api/traffic/cdrs', calls);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.stored, calls.length, answer.text);
    };

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      await seedTenant(host, 'globex', { plugins: ['traffic'] });
      const staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      for (const [number, tenantId] of [['+18005550199', 'acme'], ['+18005550142', 'acme'], ['+18885550123', 'globex']]) {
        assert.equal((await staff.put(`/api/traffic/numbers/${number}`, { tenantId })).status, 200);
      }
      acmeAnalyst = await signedInUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst'));
      // An analyst who watches one toll-free number only.
      acmeScoped = await signedInUser(host, await seedUser(host, 'acme', 'desk@acme.test', 'analyst', ['+18005550142']));
      globexUser = await signedInUser(host, await seedUser(host, 'globex', 'gus@globex.test', 'analyst'));
      edge = await apiClient(host, { tenantId: 'carrier', name: 'tf-edge-1', kind: 'network', roleId: 'network-element' });
    });
    afterEach(() => {
      for (const opened of streams.splice(0)) opened.close();
    });
    after(async () => {
      await cleanup?.();
    });

    it('sends a call a network element posts to its tenant\'s users, as GET /calls answers it, and to no other tenant', async () => {
      const acme = await listening(stream(acmeAnalyst));
      const globex = await listening(stream(globexUser));
      const opened = await acme.opened;
      assert.equal(opened.headers['content-type'], 'text/event-stream; charset=utf-8');
      await post(callInput({ sourceId: 'live-1' }), callInput({ sourceId: 'live-2', dialedNumber: '+18885550123' }));
      await until('acme\'s call', () => acme.events.length === 1);
      await until('globex\'s call', () => globex.events.length === 1);
      await pause(200);
      assert.deepEqual(sourceIds(acme.events), ['live-1'], 'another tenant\'s call never reaches this stream');
      assert.deepEqual(sourceIds(globex.events), ['live-2']);
      const [event] = acme.events;
      assert.equal(event!.event, 'call');
      const stored = (await host.db.knex('traffic_calls').where({ source_id: 'live-1' }).first()) as { id: number | string };
      assert.equal(event!.id, String(stored.id), 'the event is named by the stored id');
      const listed = await acmeAnalyst.get('/api/traffic/calls');
      assert.deepEqual(event!.data, listed.body.calls.find((call: { sourceId: string }) => call.sourceId === 'live-1'));
    });

    it('replays exactly the calls committed while a client was away when it reconnects with Last-Event-ID, then goes on live', async () => {
      const first = await listening(stream(acmeAnalyst));
      await post(callInput({ sourceId: 'resume-0' }));
      await until('the call before leaving', () => first.events.length === 1);
      const last = first.events[0]!.id!;
      first.close();
      await post(callInput({ sourceId: 'resume-1' }), callInput({ sourceId: 'resume-2', dialedNumber: '+18885550123' }));
      await post(callInput({ sourceId: 'resume-3', dialedNumber: '+18005550142' }));

      const again = await listening(stream(acmeAnalyst, last));
      await post(callInput({ sourceId: 'resume-4' }));
      await until('the replay and the live call', () => again.events.length >= 3);
      await pause(300);
      assert.deepEqual(sourceIds(again.events), ['resume-1', 'resume-3', 'resume-4'], 'no gap, no repeat, no other tenant');
      const ids = again.events.map((event) => Number(event.id));
      assert.ok(ids.every((id, at) => id > (at ? ids[at - 1]! : Number(last))), `ids grow past the Last-Event-ID: ${last}, ${ids.join(', ')}`);
    });

    it('limits a user whose grant is scoped to one dialed number to that number\'s calls, live and replayed', async () => {
      const scoped = await listening(stream(acmeScoped));
      const whole = await listening(stream(acmeAnalyst));
      await post(callInput({ sourceId: 'scope-1' }), callInput({ sourceId: 'scope-2', dialedNumber: '+18005550142' }), callInput({ sourceId: 'scope-3', dialedNumber: '+18885550123' }));
      await until('the scoped call', () => scoped.events.length === 1);
      await until('acme\'s calls', () => whole.events.length === 2);
      await pause(200);
      assert.deepEqual(sourceIds(scoped.events), ['scope-2']);
      assert.deepEqual(sourceIds(whole.events).sort(), ['scope-1', 'scope-2']);

      // Resuming from before both calls replays only the number in scope.
      const before = String(Number(whole.events.map((event) => Number(event.id)).sort((a, b) => a - b)[0]) - 1);
      const replayed = await listening(stream(acmeScoped, before));
      await until('the replay', () => replayed.events.length === 1);
      await pause(200);
      assert.deepEqual(sourceIds(replayed.events), ['scope-2']);
    });

    it('refuses a caller without calls.read', async () => {
      const denied = edge.stream('/api/traffic/live');
      streams.push(denied);
      assert.equal((await denied.opened).status, 403);
    });
  });
});
