import assert from 'node:assert/strict';
import type { CallRecord } from '../../src/cdr/call-record.js';
import { validateCallRecord } from '../../src/cdr/validate-call-record.js';
import type { RouteAnswer } from '../../src/routing/call-router.js';
import { drawCallingNumber } from '../../src/simulator/calling-numbers.js';
import { seededRandom } from '../../src/simulator/random.js';
import { customer, destination, simulation } from './simulation.js';

/** What a switch sends for a stored record: everything but what Switchboard attributes and derives. */
const inputOf = ({ tenantId: _tenant, origin: _origin, ...input }: CallRecord) => input;

describe('simulator: call records', () => {
  it('sends every outcome as a canonical record that validateCallRecord accepts, once the call has ended', async () => {
    const routes: (RouteAnswer | null)[] = [
      null,
      null,
      { action: { kind: 'destination', destinationId: 'small' }, plan: { id: 'p1', version: 4 } },
      { action: { kind: 'destination', destinationId: 'closed' }, plan: { id: 'p1', version: 4 } },
      { action: { kind: 'block' }, plan: { id: 'p1', version: 4 } },
      { action: { kind: 'announcement', announcement: 'closed-today' }, plan: { id: 'p1', version: 4 } },
      { action: { kind: 'sip', uri: 'sip:queue@pbx.acme.example' }, callCenter: 'hq', plan: { id: 'p1', version: 4 } },
    ];
    let next = 0;
    const sim = simulation({
      customers: [customer('acme', { callsPerMinute: 300, destinations: [destination('big', { handleSeconds: 30 }), destination('small', { agents: 1, handleSeconds: 60 }), destination('closed')] })],
      router: async () => routes[next++ % routes.length]!,
    });
    sim.customer('acme').destinations.get('closed')!.up = false;
    let sent = 0;
    for (let minute = 0; minute < 10; minute++) {
      await sim.run(60_000);
      const now = sim.clock.now().toISOString();
      const fresh = sim.ingest.records.slice(sent);
      sent = sim.ingest.records.length;
      assert.ok(fresh.every((r) => r.endedAt <= now), 'a record is sent only once its call has ended');
    }
    const records = sim.ingest.records;
    assert.deepEqual(new Set(records.map((r) => r.disposition)), new Set(['answered', 'busy', 'no-answer', 'failed', 'blocked']));
    for (const record of records) {
      const again = validateCallRecord(inputOf(record));
      assert.ok('record' in again, JSON.stringify(again));
      assert.deepEqual(again.record, record);
      assert.equal(record.source, 'simulator');
      assert.equal(record.service, 'toll-free');
      assert.equal(record.direction, 'inbound');
      assert.ok(record.origin, `the calling number ${record.callingNumber} has a place`);
      const seconds = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 1000;
      assert.ok(Math.abs(record.durationSeconds - seconds(record.startedAt, record.endedAt)) <= 0.5);
      if (record.answeredAt) assert.ok(record.billableSeconds >= 1 && Math.abs(record.billableSeconds - seconds(record.answeredAt, record.endedAt)) <= 0.5);
      else assert.equal(record.billableSeconds, 0);
    }
    assert.equal(new Set(records.map((r) => r.sourceId)).size, records.length, 'every call has its own source id');
    const sip = records.filter((r) => r.destination === 'sip:queue@pbx.acme.example');
    assert.ok(sip.length && sip.every((r) => r.callCenter === 'hq' && r.routingPlanId === 'p1' && r.routingPlanVersion === 4));
  });

  it('draws callers from real area codes, more of them from populous states', () => {
    const random = seededRandom(2024);
    const states = new Map<string, number>();
    let canadian = 0;
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const number = drawCallingNumber(random);
      assert.match(number, /^\+1[2-9]\d{2}[2-9]\d{6}$/);
      assert.doesNotMatch(number.slice(5, 8), /^(?:\d11|555)$/, 'no N11 service codes or 555 exchanges');
      const origin = validateCallRecord({ source: 's', sourceId: 'i', service: 'toll-free', direction: 'inbound', callingNumber: number, dialedNumber: '+18005550100', startedAt: '2024-03-05T16:00:00Z', answeredAt: null, endedAt: '2024-03-05T16:00:01Z', disposition: 'failed', releaseCause: 38 });
      assert.ok('record' in origin && origin.record.origin, `${number} has an origin`);
      const { state, country } = origin.record.origin;
      states.set(state!, (states.get(state!) ?? 0) + 1);
      if (country === 'CA') canadian++;
    }
    const share = (...codes: string[]) => codes.reduce((sum, code) => sum + (states.get(code) ?? 0), 0) / draws;
    // California, Texas, Florida and New York hold about 30% of the people of the US and Canada.
    assert.ok(Math.abs(share('CA', 'TX', 'FL', 'NY') - 0.3) < 0.02, `big four ${share('CA', 'TX', 'FL', 'NY')}`);
    assert.ok(share('CA') > 10 * share('WY'), 'California far ahead of Wyoming');
    assert.ok(Math.abs(canadian / draws - 0.1) < 0.02, `Canadian share ${canadian / draws}`);
    assert.ok(states.size > 55, `${states.size} states and provinces seen`);
  });
});
