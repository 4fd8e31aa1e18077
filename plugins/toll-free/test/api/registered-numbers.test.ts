import assert from 'node:assert/strict';
import type { Caller } from '../support/callers.js';
import { networkElement, signedInUser } from '../support/callers.js';
import { allTo } from '../support/plan-trees.js';
import { forEachDatabase, seedUser, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { GLOBEX_NUMBER, seedWorld, type World } from '../support/world.js';

/** A toll-free number acme got by an order: in traffic's number registry, not in the toll-free settings. */
const ORDERED = '+18775550142';
/** A geographic number acme also has: the registry holds it, toll-free routing has nothing to do with it. */
const GEOGRAPHIC = '+13125550100';

interface NumberRow {
  number: string;
  tenantId: string;
  plan: { id: string } | null;
}

/**
 * A customer's toll-free numbers are the settings' and those traffic's number registry gives it
 * (what completed orders assigned, or carrier staff): an ordered number is listed, gets a plan,
 * is activated and routed; another customer can neither see nor use it; and where the settings
 * and the registry disagree about a number, the settings' customer keeps it.
 */
forEachDatabase((kind, open) => {
  describe(`toll-free numbers from traffic's number registry (${kind})`, () => {
    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let world: World;
    let staff: Caller;
    let globexSbc: Caller;

    before(async () => {
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database));
      world = await seedWorld(host);
      staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      globexSbc = await networkElement(host, 'globex', 'Globex SBC');
    });
    after(async () => {
      await cleanup?.();
      await database?.cleanup();
    });

    const numbersOf = async (caller: Caller) => {
      const answer = await caller.get('/api/toll-free/numbers');
      assert.equal(answer.status, 200, answer.text);
      return (answer.body as { numbers: NumberRow[] }).numbers;
    };
    const assign = async (number: string, tenantId: string) => {
      const assigned = await staff.put(`/api/traffic/numbers/${number}`, { tenantId });
      assert.equal(assigned.status, 200, assigned.text);
    };
    const route = (caller: Caller) => caller.post('/api/toll-free/route', { dialedNumber: ORDERED, callingNumber: '+12145550111', callId: 'ordered-1' });

    it('refuses a plan for a toll-free number nobody has been given', async () => {
      assert.ok(!(await numbersOf(world.admin)).some(({ number }) => number === ORDERED));
      const refused = await world.admin.post('/api/toll-free/plans', { name: 'Ordered line', numbers: [ORDERED], plan: allTo('dallas') });
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.error.code, 'unknown_number');
    });

    it("lists the registry's toll-free numbers of the customer beside the settings' ones, and not its other numbers", async () => {
      await assign(ORDERED, 'acme');
      await assign(GEOGRAPHIC, 'acme');
      const listed = await numbersOf(world.admin);
      assert.deepEqual(
        listed.map(({ number, tenantId }) => `${tenantId} ${number}`),
        ['acme +18005550100', 'acme +18005550101', 'acme +18005550102', `acme ${ORDERED}`],
      );
      assert.equal(listed.find(({ number }) => number === ORDERED)?.plan, null);
      assert.ok(!(await numbersOf(world.globexAdmin)).some(({ number }) => number === ORDERED), "globex does not see acme's ordered number");
    });

    it('gives the ordered number a plan, activates it and the network is answered for it; globex can neither use nor see it', async () => {
      const theft = await world.globexAdmin.post('/api/toll-free/plans', { name: 'Not ours', numbers: [ORDERED], plan: allTo('phoenix') });
      assert.equal(theft.status, 422, theft.text);
      assert.equal(theft.body.error.code, 'unknown_number');

      const created = await world.admin.post('/api/toll-free/plans', { name: 'Ordered line', numbers: [ORDERED], plan: allTo('tampa') });
      assert.equal(created.status, 201, created.text);
      const planId = created.body.plan.id as string;
      const activated = await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: created.body.plan.revision, version: 1 });
      assert.equal(activated.status, 200, activated.text);
      assert.equal((await numbersOf(world.admin)).find(({ number }) => number === ORDERED)?.plan?.id, planId);

      const answer = await route(world.proxy);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.destination, { type: 'call-center', callCenterId: 'tampa' });
      assert.deepEqual(answer.body.plan, { id: planId, version: 1 });

      assert.equal((await world.globexAdmin.get(`/api/toll-free/plans/${planId}`)).status, 404, "acme's plan is a 404 to globex");
      const asked = await route(globexSbc);
      assert.equal(asked.status, 404, asked.text);
      assert.equal(asked.body.error.code, 'no_route');
      const reroute = await world.globexAdmin.post('/api/toll-free/reroutes', { numbers: [ORDERED], destination: { type: 'call-center', callCenterId: 'phoenix' }, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      assert.equal(reroute.status, 422, reroute.text);
      assert.equal(reroute.body.error.code, 'unknown_number');
    });

    it("keeps a number with the customer the settings name when the registry gives it to another", async () => {
      await assign(GLOBEX_NUMBER, 'acme');
      assert.ok(!(await numbersOf(world.admin)).some(({ number }) => number === GLOBEX_NUMBER), "acme does not get globex's configured number");
      assert.deepEqual(
        (await numbersOf(world.globexAdmin)).map(({ number, tenantId }) => `${tenantId} ${number}`),
        [`globex ${GLOBEX_NUMBER}`],
      );
      const refused = await world.admin.post('/api/toll-free/plans', { name: 'Contested', numbers: [GLOBEX_NUMBER], plan: allTo('dallas') });
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.error.code, 'unknown_number');
    });
  });
});
