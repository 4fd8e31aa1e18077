import assert from 'node:assert/strict';
import { NumberProvisioning } from '../../src/simulator/number-provisioning.js';
import { seededRandom } from '../../src/simulator/random.js';
import { RecordOutbox } from '../../src/simulator/record-outbox.js';
import { Simulator } from '../../src/simulator/simulator.js';
import { CallRouting } from '../../src/routing/call-routing.js';
import { forEachDatabase, type TestDatabase } from '../support/switchboard.js';
import { openTrafficStore, recount, storedCalls, storedRollups, TestClock, type TrafficStore } from '../support/traffic-store.js';
import { customer, destination, KeptLog } from './simulation.js';

forEachDatabase((kind, open) => {
  describe(`simulator: through the ingest into storage (${kind})`, () => {
    let database: TestDatabase;
    let store: TrafficStore;
    let clock: TestClock;
    let log: KeptLog;
    /** The tenants the directory would know; the simulator waits for its customers' to appear. */
    let tenants: Set<string>;

    beforeEach(async () => {
      database = await open();
      clock = new TestClock(new Date('2024-03-05T16:00:00Z'));
      store = await openTrafficStore(database.db, clock);
      log = new KeptLog();
      tenants = new Set();
    });
    afterEach(() => database.cleanup());

    const simulatorFor = (customers: ReturnType<typeof customer>[]) =>
      new Simulator({
        config: { tickMilliseconds: 1000, customers },
        clock,
        routing: new CallRouting(log),
        provisioning: new NumberProvisioning(store.numbers, async (tenantId) => tenants.has(tenantId), log),
        outbox: new RecordOutbox(store.ingest, log),
        logger: log,
        random: seededRandom(17),
      });
    const run = async (simulator: Simulator, seconds: number) => {
      for (let s = 0; s < seconds; s++) {
        clock.set(new Date(clock.now().getTime() + 1000).toISOString());
        await simulator.tick();
      }
    };
    const owners = async () => Object.fromEntries(await store.numbers.owners(['+18005550100', '+18005550101', '+18885550123']));

    it('waits for the tenant, then assigns its numbers and stores its calls with rollups that match them', async () => {
      const simulator = simulatorFor([customer('acme', { callsPerMinute: 600, numbers: ['+18005550100', '+18005550101'], destinations: [destination('dallas', { handleSeconds: 5 })] })]);
      await simulator.tick();
      await run(simulator, 30);
      assert.deepEqual(await owners(), {}, 'no tenant, no numbers');
      assert.equal((await storedCalls(database.db)).length, 0);

      tenants.add('acme');
      await run(simulator, 60);
      assert.deepEqual(await owners(), { '+18005550100': 'acme', '+18005550101': 'acme' });
      const calls = await storedCalls(database.db);
      assert.ok(calls.length > 300, `${calls.length} calls stored in a minute at 600 a minute (handle time 5 s)`);
      assert.ok(calls.every((call) => call.tenantId === 'acme' && call.source === 'simulator' && call.endedAt <= clock.now().toISOString()));
      assert.deepEqual(new Set(calls.map((call) => call.dialedNumber)), new Set(['+18005550100', '+18005550101']));
      assert.deepEqual(await storedRollups(database.db, 'minute'), await recount(database.db, 'minute'));
    });

    it('never takes a number another tenant owns: it warns and leaves that number out', async () => {
      await store.numbers.assign('+18005550101', 'initech');
      tenants.add('acme').add('initech');
      const simulator = simulatorFor([customer('acme', { callsPerMinute: 600, numbers: ['+18005550100', '+18005550101'], destinations: [destination('dallas', { handleSeconds: 5 })] })]);
      await simulator.tick();
      await run(simulator, 30);
      assert.deepEqual(await owners(), { '+18005550100': 'acme', '+18005550101': 'initech' });
      const calls = await storedCalls(database.db);
      assert.ok(calls.length > 100);
      assert.ok(calls.every((call) => call.tenantId === 'acme' && call.dialedNumber === '+18005550100'));
      assert.equal(log.warnings.filter((w) => /belongs to another tenant/.test(w)).length, 1, 'one warning, not one per tick');
    });

    it('stops sending calls to a number moved to another tenant while it runs', async () => {
      tenants.add('acme').add('globex');
      const simulator = simulatorFor([customer('acme', { callsPerMinute: 600, numbers: ['+18005550100', '+18005550101'], destinations: [destination('dallas', { handleSeconds: 5 })] })]);
      await simulator.tick();
      await run(simulator, 10);
      await store.numbers.assign('+18005550101', 'globex');
      const moved = clock.now().toISOString();
      await run(simulator, 30);
      const calls = await storedCalls(database.db);
      assert.ok(calls.every((call) => call.tenantId === 'acme'), 'the simulator sends only for its customers: globex gets no simulated call');
      // The calls in progress when it moved are refused; after one tick the number is left alone.
      const lateToMoved = calls.filter((call) => call.dialedNumber === '+18005550101' && call.startedAt > moved);
      assert.deepEqual(lateToMoved, []);
      assert.deepEqual(simulator.customers[0]!.liveNumbers, ['+18005550100']);
    });
  });
});
