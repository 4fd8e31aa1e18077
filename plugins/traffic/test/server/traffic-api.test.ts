import assert from 'node:assert/strict';
import type { BusEvent } from '@switchboard/sdk';
import type { CallRecord } from '../../src/cdr/call-record.js';
import type { CallsCommitted } from '../../src/index.js';
import { measuresOf } from '../../src/rollup/measures.js';
import { sumCounts, type Granularity, type RollupCounts } from '../../src/rollup/rollup-row.js';
import { Rollup } from '../../src/rollup/rollup.js';
import { callInput, randomCalls, readSample } from '../support/index.js';
import { apiClient, signedInUser, type Caller } from '../support/callers.js';
import { forEachDatabase, seedTenant, seedUser, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';
import { recount, storedCalls, storedRollups } from '../support/traffic-store.js';

const ANSWERED = 'freeswitch/3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14.cdr.json';
const BUSY = 'freeswitch/c91a5d3e-07b2-4f6c-a8e1-2d9b4f7c5a30.cdr.json';

/** What a sender sends for a stored record: everything but what Switchboard attributes and derives. */
const inputOf = ({ tenantId: _tenant, origin: _origin, ...input }: CallRecord) => input;

/** A day's summary as the API answers it, recounted from raw records. */
function expectedSummary(calls: CallRecord[], granularity: Granularity | 'day') {
  const withMeasures = (counts: RollupCounts) => {
    const { asr, acdSeconds, ner } = measuresOf(counts);
    return { ...counts, asr, acdSeconds, ner };
  };
  const rows = Rollup.of(calls).rows(granularity === 'day' ? 'hour' : granularity);
  const byBucket = new Map<string, RollupCounts[]>();
  for (const row of rows) {
    const start = granularity === 'day' ? `${row.bucketStart.slice(0, 10)}T00:00:00.000Z` : row.bucketStart;
    byBucket.set(start, [...(byBucket.get(start) ?? []), row]);
  }
  const buckets = [...byBucket.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, counts]) => ({ start, ...withMeasures(sumCounts(counts)) }));
  return { buckets, total: withMeasures(sumCounts(rows)) };
}

forEachDatabase((kind, open) => {
  describe(`traffic: the API, through a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let staff: Caller;
    let acmeAdmin: Caller;
    let acmeAnalyst: Caller;
    let globexUser: Caller;
    let edge: Caller & { clientId: string };

    const tenantCalls = async (tenantId: string) => (await storedCalls(host.db)).filter((call) => call.tenantId === tenantId);

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      await seedTenant(host, 'globex', { plugins: ['traffic'] });
      staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      acmeAdmin = await signedInUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator'));
      acmeAnalyst = await signedInUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst'));
      globexUser = await signedInUser(host, await seedUser(host, 'globex', 'gus@globex.test', 'administrator'));
      // A toll-free switch of the carrier, as the built-in network-element role makes it.
      edge = await apiClient(host, { tenantId: 'carrier', name: 'tf-edge-1', kind: 'network', roleId: 'network-element' });
    });
    after(async () => {
      await cleanup?.();
    });

    it('lets carrier staff assign numbers to customers, and nobody else claim one', async () => {
      const assigned = await staff.put('/api/traffic/numbers/+18005550199', { tenantId: 'acme' });
      assert.equal(assigned.status, 200, assigned.text);
      assert.equal(assigned.body.number, '+18005550199');
      assert.equal(assigned.body.tenantId, 'acme');
      // North American forms are normalised to E.164.
      assert.equal((await staff.put('/api/traffic/numbers/1-800-555-0142', { tenantId: 'acme' })).body.number, '+18005550142');
      assert.equal((await staff.put('/api/traffic/numbers/+13125550100', { tenantId: 'acme' })).status, 200);
      assert.equal((await staff.put('/api/traffic/numbers/+18885550123', { tenantId: 'globex' })).status, 200);

      // A customer's administrator holds numbers.write through `*:*`, and still may not claim another's number.
      const claim = await acmeAdmin.put('/api/traffic/numbers/+18885550123', { tenantId: 'acme' });
      assert.equal(claim.status, 403);
      assert.equal(claim.body.error.code, 'carrier_only');

      const badNumber = await staff.put('/api/traffic/numbers/conference-7', { tenantId: 'acme' });
      assert.equal(badNumber.status, 400);
      assert.deepEqual(badNumber.body.error.fields.map((f: { field: string }) => f.field), ['params.number']);
      const noTenant = await staff.put('/api/traffic/numbers/+18005550111', { tenantId: 'nobody' });
      assert.equal(noTenant.status, 422);
      assert.equal(noTenant.body.error.code, 'unknown_tenant');

      const mine = await acmeAnalyst.get('/api/traffic/numbers');
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.numbers.map((n: { number: string }) => n.number), ['+13125550100', '+18005550142', '+18005550199']);
      const all = await staff.get('/api/traffic/numbers');
      assert.deepEqual(all.body.numbers.map((n: { number: string; tenantId: string }) => `${n.number} ${n.tenantId}`), [
        '+13125550100 acme',
        '+18005550142 acme',
        '+18005550199 acme',
        '+18885550123 globex',
      ]);
      assert.equal((await edge.get('/api/traffic/numbers')).status, 403, 'a switch sends records and reads nothing');
    });

    it('stores the canonical JSON sample through POST /cdrs and refuses its bad record by index', async () => {
      const answer = await edge.post('/api/traffic/cdrs', JSON.parse(await readSample('canonical/batch.json')));
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body, {
        stored: 2,
        duplicates: 0,
        refused: [{ index: 2, code: 'invalid_record', errors: [{ field: 'billableSeconds', message: 'must be 0 for a call that was never answered (it has no answeredAt)' }] }],
      });
      const stored = (await storedCalls(host.db)).filter((call) => call.source === 'simulator');
      assert.deepEqual(stored.map((call) => [call.sourceId, call.tenantId]).sort(), [['sim-000001', 'globex'], ['sim-000002', 'globex']]);
    });

    it('stores nothing when a batch is sent again, and counts each record a duplicate', async () => {
      const again = await edge.post('/api/traffic/cdrs', JSON.parse(await readSample('canonical/batch.json')));
      assert.equal(again.status, 200);
      assert.equal(again.body.stored, 0);
      assert.equal(again.body.duplicates, 2);
      assert.deepEqual(again.body.refused.map((r: { index: number }) => r.index), [2]);
      assert.equal((await storedCalls(host.db)).filter((call) => call.source === 'simulator').length, 2);
    });

    it('refuses records one by one, saying where and why, and stores the good ones of the batch', async () => {
      const batch = [
        callInput({ sourceId: 'mix-0' }),
        callInput({ sourceId: 'mix-1', disposition: 'ringing', durationSeconds: 9 }),
        callInput({ sourceId: 'mix-2', dialedNumber: '+18005550100' }),
        callInput({ sourceId: 'mix-3', service: 'outbound', direction: 'outbound', callingNumber: '+13125550100', dialedNumber: '+442079460958', callCenter: null, routingPlanId: null, routingPlanVersion: null }),
        callInput({ sourceId: 'mix-4', service: 'outbound', direction: 'outbound', callingNumber: null, dialedNumber: '+442079460958' }),
        42,
      ];
      const answer = await edge.post('/api/traffic/cdrs', batch);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.stored, 2);
      assert.equal(answer.body.duplicates, 0);
      assert.deepEqual(answer.body.refused, [
        {
          index: 1,
          code: 'invalid_record',
          errors: [
            { field: 'disposition', message: 'must be one of answered, busy, no-answer, failed, blocked' },
            { field: 'durationSeconds', message: 'is 9 but startedAt to endedAt is 204.150 s' },
          ],
        },
        {
          index: 2,
          code: 'unknown_number',
          errors: [{ field: 'dialedNumber', message: '+18005550100 belongs to no customer you send records for; it must be assigned first (PUT /api/traffic/numbers/+18005550100)' }],
        },
        {
          index: 4,
          code: 'unknown_number',
          errors: [{ field: 'callingNumber', message: 'is needed to attribute an outbound call: the calling number tells whose call it is' }],
        },
        { index: 5, code: 'invalid_record', errors: [{ field: '', message: 'must be an object: one call record' }] },
      ]);
      const stored = (await storedCalls(host.db)).filter((call) => call.sourceId.startsWith('mix-'));
      // The outbound call is the customer's who owns the calling number.
      assert.deepEqual(stored.map((call) => [call.sourceId, call.tenantId]).sort(), [['mix-0', 'acme'], ['mix-3', 'acme']]);
    });

    it('refuses a body that is not an array of records as a whole, storing nothing', async () => {
      const answer = await edge.post('/api/traffic/cdrs', { records: [callInput({ sourceId: 'whole-1' })] });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.error.fields, [{ field: 'body', message: 'must be a JSON array of call records' }]);
      assert.equal((await storedCalls(host.db)).filter((call) => call.sourceId === 'whole-1').length, 0);
    });

    it('stores FreeSWITCH documents as mod_json_cdr posts them, named after the switch that posted', async () => {
      const post = (text: string, uuid: string) => edge.postRaw(`/api/traffic/freeswitch?uuid=${uuid}`, text, 'application/json');
      const answered = await post(await readSample(ANSWERED), '3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14');
      assert.equal(answered.status, 200, answered.text);
      assert.deepEqual(answered.body, { stored: 1, duplicates: 0, refused: [] });
      assert.deepEqual((await post(await readSample(BUSY), 'c91a5d3e-07b2-4f6c-a8e1-2d9b4f7c5a30')).body, { stored: 1, duplicates: 0, refused: [] });
      // FreeSWITCH retries when an answer is lost: the same call again is a duplicate.
      assert.deepEqual((await post(await readSample(ANSWERED), '3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14')).body, { stored: 0, duplicates: 1, refused: [] });

      const stored = (await storedCalls(host.db)).filter((call) => call.source === edge.clientId);
      assert.deepEqual(stored.map((call) => [call.sourceId, call.tenantId, call.disposition]).sort(), [
        ['3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14', 'acme', 'answered'],
        ['c91a5d3e-07b2-4f6c-a8e1-2d9b4f7c5a30', 'acme', 'busy'],
      ]);
    });

    it('answers FreeSWITCH 200 for a B-leg it ignores, and 422 for a call it cannot store, so the switch keeps that one', async () => {
      const doc = JSON.parse(await readSample(ANSWERED));
      const bLeg = structuredClone(doc);
      bLeg.variables.uuid = 'b-leg-1';
      bLeg.callflow[0].caller_profile.originator = { originator_caller_profiles: [{ uuid: doc.variables.uuid }] };
      const ignored = await edge.postRaw('/api/traffic/freeswitch', JSON.stringify(bLeg), 'application/json');
      assert.equal(ignored.status, 200);
      assert.equal(ignored.body.stored, 0);
      assert.match(ignored.body.ignored, /B-leg/);

      const unowned = structuredClone(doc);
      unowned.variables.uuid = 'unowned-1';
      unowned.variables.destination_number = '18005550100';
      const refused = await edge.postRaw('/api/traffic/freeswitch', JSON.stringify(unowned), 'application/json');
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'unknown_number');
      assert.deepEqual(refused.body.error.fields.map((f: { field: string }) => f.field), ['dialedNumber']);

      const broken = structuredClone(doc);
      delete broken.variables.uuid;
      delete broken.callflow[0].caller_profile.uuid;
      const invalid = await edge.postRaw('/api/traffic/freeswitch', JSON.stringify(broken), 'application/json');
      assert.equal(invalid.status, 422);
      assert.equal(invalid.body.error.code, 'invalid_record');
      assert.deepEqual(invalid.body.error.fields, [{ field: 'variables.uuid', message: 'is required' }]);

    });

    it("stores FreeSWITCH documents in mod_json_cdr's form encodings (encode=true and encode=base64)", async () => {
      const doc = JSON.parse(await readSample(ANSWERED));
      const withUuid = (uuid: string) => JSON.stringify({ ...doc, variables: { ...doc.variables, uuid } });
      const form = await edge.postRaw('/api/traffic/freeswitch?uuid=form-1', `cdr=${encodeURIComponent(withUuid('form-1'))}`, 'application/x-www-form-urlencoded');
      assert.equal(form.status, 200, form.text);
      assert.deepEqual(form.body, { stored: 1, duplicates: 0, refused: [] });
      const base64 = await edge.postRaw('/api/traffic/freeswitch?uuid=base64-1', `cdr=${Buffer.from(withUuid('base64-1')).toString('base64')}`, 'application/x-www-form-base64-encoded');
      assert.equal(base64.status, 200, base64.text);
      assert.deepEqual(base64.body, { stored: 1, duplicates: 0, refused: [] });
      // The same call in another encoding is the same call.
      assert.deepEqual((await edge.postRaw('/api/traffic/freeswitch', `cdr=${Buffer.from(withUuid('form-1')).toString('base64')}`, 'application/x-www-form-base64-encoded')).body, { stored: 0, duplicates: 1, refused: [] });
      const stored = (await storedCalls(host.db)).filter((call) => call.source === edge.clientId && ['form-1', 'base64-1'].includes(call.sourceId));
      assert.deepEqual(stored.map((call) => [call.sourceId, call.tenantId, call.disposition]).sort(), [['base64-1', 'acme', 'answered'], ['form-1', 'acme', 'answered']]);

      const garbled = await edge.postRaw('/api/traffic/freeswitch', 'cdr=%E0%A4%A', 'application/x-www-form-urlencoded');
      assert.equal(garbled.status, 400);
      assert.match(garbled.body.error.message, /not valid URL encoding/);
      assert.equal((await edge.postRaw('/api/traffic/freeswitch', '<cdr/>', 'text/xml')).status, 415);
    });

    it('keeps the rollups equal to a recount of the raw records after several batches that overlap', async () => {
      const calls = randomCalls(1000, 11).map(inputOf);
      let stored = 0;
      let duplicates = 0;
      for (const [from, to] of [[0, 400], [300, 700], [650, 1000], [0, 1000], [900, 950]] as const) {
        const answer = await edge.post('/api/traffic/cdrs', calls.slice(from, to));
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.refused, []);
        stored += answer.body.stored;
        duplicates += answer.body.duplicates;
      }
      assert.equal(stored, 1000);
      assert.equal(duplicates, 100 + 50 + 1000 + 50);
      for (const granularity of ['minute', 'hour'] as const) {
        assert.deepEqual(await storedRollups(host.db, granularity), await recount(host.db, granularity), `${granularity} rollups`);
      }
    });

    it('publishes each committed batch on traffic.calls.committed, per tenant, once the calls are committed', async () => {
      const seen: { event: BusEvent<CallsCommitted>; committed: number }[] = [];
      const subscription = await host.bus.subscribe<CallsCommitted>('traffic.calls.committed', async (event) => {
        const ids = event.data.calls.map((call) => call.sourceId);
        const committed = Number(((await host.db.knex('traffic_calls').whereIn('source_id', ids).count({ n: '*' }).first()) as { n: number | string }).n);
        seen.push({ event, committed });
      });
      const batch = [
        callInput({ sourceId: 'ev-1' }),
        callInput({ sourceId: 'ev-2', dialedNumber: '+18885550123' }),
        callInput({ sourceId: 'ev-3' }),
        callInput({ sourceId: 'mix-0' }), // stored before: a duplicate, not published again
      ];
      const answer = await edge.post('/api/traffic/cdrs', batch);
      assert.deepEqual({ stored: answer.body.stored, duplicates: answer.body.duplicates }, { stored: 3, duplicates: 1 });
      for (let wait = 0; seen.length < 2 && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
      await subscription.unsubscribe();
      const byTenant = Object.fromEntries(seen.map(({ event, committed }) => [event.data.tenantId, { ids: event.data.calls.map((call) => call.sourceId), committed }]));
      assert.deepEqual(byTenant, { acme: { ids: ['ev-1', 'ev-3'], committed: 2 }, globex: { ids: ['ev-2'], committed: 1 } });
      const acmeCall = seen.find(({ event }) => event.data.tenantId === 'acme')!.event.data.calls[0]!;
      assert.equal(acmeCall.tenantId, 'acme');
      assert.equal(acmeCall.origin?.state, 'NY');
    });

    it('shows a customer its own calls, newest first, within a time window', async () => {
      const all = await acmeAnalyst.get('/api/traffic/calls?limit=1000');
      assert.equal(all.status, 200, all.text);
      const expected = await tenantCalls('acme');
      assert.equal(all.body.calls.length, expected.length);
      assert.ok(all.body.calls.every((call: CallRecord) => call.tenantId === 'acme'));
      const starts = all.body.calls.map((call: CallRecord) => call.startedAt);
      assert.deepEqual(starts, [...starts].sort().reverse());

      const window = await acmeAnalyst.get('/api/traffic/calls?from=2024-03-01T14:00:00Z&to=2024-03-01T09:30:00-05:00&limit=5');
      assert.equal(window.status, 200);
      const inWindow = expected.filter((call) => call.startedAt >= '2024-03-01T14:00:00.000Z' && call.startedAt < '2024-03-01T14:30:00.000Z');
      assert.deepEqual(window.body.calls.map((call: CallRecord) => call.startedAt), inWindow.map((call) => call.startedAt).sort().reverse().slice(0, 5));

      const bad = await acmeAnalyst.get('/api/traffic/calls?from=yesterday&dialedNumber=x');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields.map((f: { field: string }) => f.field), ['query.from', 'query.dialedNumber']);
    });

    it('answers the summary from the rollups, matching a recount of the raw records, per minute, hour and day', async () => {
      const acme = await tenantCalls('acme');
      for (const granularity of ['minute', 'hour', 'day'] as const) {
        const res = await acmeAnalyst.get(`/api/traffic/summary?granularity=${granularity}&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z`);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.from, '2024-03-01T00:00:00.000Z');
        assert.equal(res.body.to, '2024-03-02T00:00:00.000Z');
        const expected = expectedSummary(acme, granularity);
        assert.deepEqual(res.body.buckets, expected.buckets, `${granularity} buckets`);
        assert.deepEqual(res.body.total, expected.total, `${granularity} total`);
      }
      const oneNumber = await acmeAnalyst.get('/api/traffic/summary?granularity=day&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z&dialedNumber=800-555-0142');
      assert.deepEqual(oneNumber.body.total, expectedSummary(acme.filter((call) => call.dialedNumber === '+18005550142'), 'day').total);

      // Partial buckets are widened to whole ones, and the answer says which window it counted.
      const widened = await acmeAnalyst.get('/api/traffic/summary?granularity=hour&from=2024-03-01T14:20:00Z&to=2024-03-01T15:10:00Z');
      assert.deepEqual([widened.body.from, widened.body.to], ['2024-03-01T14:00:00.000Z', '2024-03-01T16:00:00.000Z']);
      const tooLong = await acmeAnalyst.get('/api/traffic/summary?granularity=minute&from=2024-01-01T00:00:00Z&to=2024-03-01T00:00:00Z');
      assert.equal(tooLong.status, 400);
      assert.equal(tooLong.body.error.fields[0].field, 'query.from');
    });

    it("never shows another tenant's calls to a customer's user", async () => {
      const acmeIds = new Set((await tenantCalls('acme')).map((call) => call.sourceId));
      assert.ok(acmeIds.size > 100);
      const calls = await globexUser.get('/api/traffic/calls?limit=1000');
      assert.equal(calls.status, 200);
      assert.equal(calls.body.calls.length, (await tenantCalls('globex')).length);
      assert.ok(calls.body.calls.every((call: CallRecord) => call.tenantId === 'globex' && !acmeIds.has(call.sourceId)));
      // Asking for the other tenant by name reads exactly like a tenant without traffic.
      assert.deepEqual((await globexUser.get('/api/traffic/calls?tenantId=acme')).body, { calls: [] });
      assert.deepEqual((await globexUser.get('/api/traffic/numbers?tenantId=acme')).body, { numbers: [] });

      const summary = await globexUser.get('/api/traffic/summary?granularity=day&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z');
      assert.deepEqual(summary.body.total, expectedSummary(await tenantCalls('globex'), 'day').total);
      const theirs = await globexUser.get('/api/traffic/summary?granularity=day&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z&tenantId=acme');
      assert.deepEqual(theirs.body.buckets, []);
      assert.equal(theirs.body.total.attempts, 0);
    });

    it("lets a customer's analyst read calls but not send records (403)", async () => {
      assert.equal((await acmeAnalyst.get('/api/traffic/calls?limit=1')).status, 200);
      const post = await acmeAnalyst.post('/api/traffic/cdrs', [callInput({ sourceId: 'analyst-1' })]);
      assert.equal(post.status, 403);
      assert.equal(post.body.error.message, 'This needs the entitlement traffic:network.cdrs.write.');
      assert.equal((await storedCalls(host.db)).filter((call) => call.sourceId === 'analyst-1').length, 0);
      // And a switch sends records but reads no calls.
      assert.equal((await edge.get('/api/traffic/calls')).status, 403);
    });

    // Last: it removes raw records, which the recounts above read.
    it('keeps answering the summary from the rollups once the raw records are gone', async () => {
      const path = '/api/traffic/summary?granularity=hour&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z';
      const before = (await acmeAnalyst.get(path)).body;
      assert.ok(before.total.attempts > 100);
      await host.db.knex('traffic_calls').where({ tenant_id: 'acme' }).delete();
      assert.deepEqual((await acmeAnalyst.get(path)).body, before);
      assert.deepEqual((await acmeAnalyst.get('/api/traffic/calls')).body, { calls: [] });
    });
  });
});
