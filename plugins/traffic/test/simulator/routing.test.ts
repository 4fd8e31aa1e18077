import assert from 'node:assert/strict';
import type { CallRecord } from '../../src/cdr/call-record.js';
import type { CallRouteQuery, RouteAnswer } from '../../src/routing/call-router.js';
import { CallRouting } from '../../src/routing/call-routing.js';
import { defaultRoute } from '../../src/simulator/default-route.js';
import { placeCall } from '../../src/simulator/place-call.js';
import { seededRandom } from '../../src/simulator/random.js';
import { SimulatedDestination } from '../../src/simulator/simulated-destination.js';
import { customer, destination, KeptLog, simulation } from './simulation.js';

const acme = () =>
  customer('acme', {
    callsPerMinute: 120,
    numbers: ['+18005550100', '+18005550101'],
    destinations: [destination('dallas', { weight: 6 }), destination('tampa', { weight: 4 }), destination('overflow', { weight: 0, callCenter: false })],
  });
const shareOf = (records: CallRecord[], destinationId: string) => records.filter((r) => r.destination === destinationId).length / records.length;

describe('simulator: routing', () => {
  it('takes the default route until a router is registered: destinations by weight, no plan', async () => {
    const sim = simulation({ customers: [acme()] });
    await sim.run(20 * 60_000);
    const records = sim.ingest.records;
    assert.ok(records.length > 2000);
    assert.ok(Math.abs(shareOf(records, 'dallas') - 0.6) < 0.03, `dallas ${shareOf(records, 'dallas')}`);
    assert.ok(Math.abs(shareOf(records, 'tampa') - 0.4) < 0.03, `tampa ${shareOf(records, 'tampa')}`);
    assert.equal(shareOf(records, 'overflow'), 0, 'a weight of 0 keeps a destination out of the default route');
    assert.ok(records.every((r) => r.routingPlanId === null && r.routingPlanVersion === null));
    assert.ok(records.every((r) => r.callCenter === r.destination), 'call center destinations name themselves as the call center');
  });

  it('has no default route when no destination has weight: calls fail with no route (3)', () => {
    const idle = new SimulatedDestination(destination('idle', { weight: 0 }));
    assert.equal(defaultRoute([idle], seededRandom(1)), null);
    const call = placeCall({ callId: 'c1', tenantId: 'acme', dialedNumber: '+18005550100', callingNumber: '+13125550100', atMs: 0 }, null, new Map([['idle', idle]]), seededRandom(1));
    assert.equal(call.disposition, 'failed');
    assert.equal(call.releaseCause, 3);
    assert.equal(idle.busyAgents(0), 0);
  });

  it('asks a registered router about every call and does what it answers, with its plan and version', async () => {
    const asked: CallRouteQuery[] = [];
    const router = async (query: CallRouteQuery): Promise<RouteAnswer | null> => {
      asked.push(query);
      // The plan covers one of the two numbers; the other keeps the default route.
      if (query.dialedNumber !== '+18005550101') return null;
      return { action: { kind: 'destination', destinationId: 'overflow' }, callCenter: null, plan: { id: 'plan-acme-tf', version: 3 } };
    };
    const sim = simulation({ customers: [acme()], router });
    await sim.run(5 * 60_000);
    const records = sim.ingest.records;
    assert.equal(asked.length, records.length + sim.simulator.callsInProgress, 'one question per call');
    const query = asked[0]!;
    assert.equal(query.tenantId, 'acme');
    assert.match(query.callId, /^test-call-\d+$/);
    assert.ok(query.at instanceof Date && query.callingNumber!.startsWith('+1'));
    assert.ok(records.some((r) => r.sourceId === query.callId), 'the call id is the CDR source id');

    const planned = records.filter((r) => r.dialedNumber === '+18005550101');
    assert.ok(planned.length > 100);
    assert.ok(planned.every((r) => r.destination === 'overflow' && r.callCenter === null && r.routingPlanId === 'plan-acme-tf' && r.routingPlanVersion === 3));
    const unplanned = records.filter((r) => r.dialedNumber === '+18005550100');
    assert.ok(unplanned.length > 100 && unplanned.every((r) => r.destination !== 'overflow' && r.routingPlanId === null));
  });

  it('blocks, plays announcements, sends beyond the network and fails unknown destinations as the router says', async () => {
    const answers: Record<string, RouteAnswer> = {
      '+18005550100': { action: { kind: 'block' }, plan: { id: 'aos', version: 1 } },
      '+18005550101': { action: { kind: 'announcement', announcement: 'disconnected-number' }, plan: { id: 'aos', version: 1 } },
      '+18005550102': { action: { kind: 'number', number: '+13035551212' }, plan: { id: 'pots', version: 2 } },
      '+18005550103': { action: { kind: 'destination', destinationId: 'no-such-center' }, plan: { id: 'typo', version: 1 } },
    };
    const sim = simulation({
      customers: [customer('acme', { callsPerMinute: 240, numbers: Object.keys(answers), destinations: [destination('dallas')] })],
      router: async ({ dialedNumber }) => answers[dialedNumber]!,
    });
    await sim.run(10 * 60_000);
    const of = (number: string) => sim.ingest.records.filter((r) => r.dialedNumber === number);
    const blocked = of('+18005550100');
    assert.ok(blocked.length && blocked.every((r) => r.disposition === 'blocked' && r.releaseCause === 21 && r.answeredAt === null && r.durationSeconds <= 2));
    const announced = of('+18005550101');
    assert.ok(announced.length && announced.every((r) => r.disposition === 'blocked' && r.answeredAt === null && r.durationSeconds >= 6 && r.durationSeconds <= 12));
    const beyond = of('+18005550102');
    assert.ok(beyond.length && beyond.every((r) => r.disposition === 'answered' && r.destination === '+13035551212' && r.routingPlanVersion === 2));
    const unknown = of('+18005550103');
    assert.ok(unknown.length && unknown.every((r) => r.disposition === 'failed' && r.releaseCause === 3 && r.destination === 'no-such-center'));
  });

  it('falls back on the default route when the router fails or hangs, and says so once', async () => {
    const log = new KeptLog();
    const routing = new CallRouting(log, 20);
    const query: CallRouteQuery = { callId: 'c1', tenantId: 'acme', dialedNumber: '+18005550100', callingNumber: null, at: new Date() };
    assert.equal(await routing.route(query), null, 'no router yet');
    routing.useCallRouter({ route: () => Promise.reject(new Error('plan store unavailable')) });
    assert.equal(await routing.route(query), null);
    assert.equal(await routing.route(query), null);
    routing.useCallRouter({ route: () => new Promise(() => undefined) });
    assert.equal(await routing.route(query), null, 'a router that never answers is given up on');
    assert.equal(log.warnings.length, 1, 'one warning for the run of failures');
    assert.throws(() => routing.useCallRouter({} as never), /route\(query\)/);
  });
});
