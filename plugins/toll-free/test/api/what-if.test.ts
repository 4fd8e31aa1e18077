import assert from 'node:assert/strict';
import { signedInUser, networkElement, type Caller } from '../support/callers.js';
import { allTo, split } from '../support/plan-trees.js';
import { forEachDatabase, seedUser, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A, B, GLOBEX_NUMBER, seedWorld, type World } from '../support/world.js';

const MINUTE = 60_000;

/** A call to a toll-free number as a switch reports it: `seconds` long from `start`, answered at the call center. */
function cdr(sourceId: string, start: number, callCenter: string | null, overrides: Record<string, unknown> = {}, seconds = 300): Record<string, unknown> {
  return {
    source: 'acme-sbc',
    sourceId,
    service: 'toll-free',
    direction: 'inbound',
    callingNumber: '+12145550111',
    dialedNumber: A,
    startedAt: new Date(start).toISOString(),
    answeredAt: new Date(start + 5_000).toISOString(),
    endedAt: new Date(start + seconds * 1000).toISOString(),
    durationSeconds: seconds,
    billableSeconds: seconds - 5,
    disposition: 'answered',
    releaseCause: 16,
    destination: callCenter,
    routingPlanId: null,
    routingPlanVersion: null,
    callCenter,
    trunk: null,
    ...overrides,
  };
}

interface Destination {
  key: string;
  label: string;
  actual: number;
  draft: number;
}

forEachDatabase((kind, open) => {
  describe(`toll-free what-if replay through a real host (${kind})`, () => {
    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let world: World;
    let planId: string;
    /** When the burst of six calls started: a day and ten minutes ago. */
    let burst: number;

    before(async () => {
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database));
      world = await seedWorld(host);
      const staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      for (const [number, tenantId] of [[A, 'acme'], [B, 'acme'], [GLOBEX_NUMBER, 'globex']]) assert.equal((await staff.put(`/api/traffic/numbers/${number}`, { tenantId })).status, 200);

      // Six calls to number A a minute apart, five minutes each, all answered at Dallas; a call eight
      // days ago; a call to number B and one of globex's, which no replay of A's plan reads.
      burst = Date.now() - 86_400_000 - 10 * MINUTE;
      const calls = [
        ...Array.from({ length: 6 }, (_, n) => cdr(`burst-${n}`, burst + n * MINUTE, 'dallas')),
        cdr('last-week', Date.now() - 8 * 86_400_000, 'tampa'),
        cdr('number-b', burst, 'tampa', { dialedNumber: B }),
        cdr('globex', burst, 'phoenix', { dialedNumber: GLOBEX_NUMBER }),
      ];
      const sbc = await networkElement(host, 'carrier', 'Carrier SBC');
      const posted = await sbc.post('/api/traffic/cdrs', calls);
      assert.equal(posted.status, 200, posted.text);
      assert.equal(posted.body.stored, calls.length, posted.text);

      const created = await world.admin.post('/api/toll-free/plans', { name: 'Main line', numbers: [A], plan: allTo('dallas') });
      planId = created.body.plan.id;
      assert.equal((await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: 1, version: 1 })).status, 200);
    });
    after(async () => {
      await cleanup?.();
      await database?.cleanup();
    });

    const whatIf = (caller: Caller, query = '') => caller.get(`/api/toll-free/plans/${planId}/what-if${query}`);
    const counts = (destinations: Destination[]) => destinations.map((d) => [d.label, d.actual, d.draft]);

    it('replays the plan that routed the calls and finds nothing changed', async () => {
      const answer = await whatIf(world.admin, '?version=1');
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual([answer.body.version, answer.body.state, answer.body.days, answer.body.calls, answer.body.changed, answer.body.truncated], [1, 'active', 7, 6, 0, false]);
      assert.deepEqual(counts(answer.body.destinations), [['Dallas call center', 6, 6]]);
    });

    it("shows a draft moving every call to Tampa, and where Tampa's two agents would not be enough", async () => {
      const saved = await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: 2, plan: allTo('tampa') });
      assert.equal(saved.status, 200, saved.text);
      const answer = await whatIf(world.admin);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual([answer.body.version, answer.body.state, answer.body.calls, answer.body.changed], [2, 'draft', 6, 6]);
      assert.deepEqual(counts(answer.body.destinations), [
        ['Dallas call center', 6, 0],
        ['Tampa call center', 0, 6],
      ]);
      const [dallas, tampa] = answer.body.callCenters;
      // Dallas held five at once (the sixth call came as the first ended) with three agents; the draft leaves it none.
      assert.deepEqual([dallas.callCenterId, dallas.agents, dallas.actual.peak, dallas.actual.callsOverCapacity, dallas.draft.peak, dallas.exceeded], ['dallas', 3, 5, 3, 0, false]);
      // Tampa would hold five with two agents: from the third call until the fourth's end, four calls arriving to no free agent.
      assert.deepEqual([tampa.callCenterId, tampa.agents, tampa.draft.peak, tampa.draft.callsOverCapacity, tampa.exceeded], ['tampa', 2, 5, 4, true]);
      assert.equal(tampa.draft.peakAt, new Date(burst + 4 * MINUTE).toISOString());
      assert.deepEqual(tampa.draft.overCapacity, [{ from: new Date(burst + 2 * MINUTE).toISOString(), to: new Date(burst + 8 * MINUTE).toISOString(), peak: 5 }]);
    });

    it('reaches back as many days as asked, 1 to 30, and refuses others with the field', async () => {
      const month = await whatIf(world.admin, '?days=30');
      assert.equal(month.status, 200, month.text);
      assert.equal(month.body.calls, 7, 'the call of eight days ago is in the last 30 days');
      assert.equal((await whatIf(world.admin, '?days=1&version=1')).body.calls, 0, 'the burst was just over a day ago');
      for (const days of ['0', '31', 'week']) {
        const refused = await whatIf(world.admin, `?days=${days}`);
        assert.equal(refused.status, 400, refused.text);
        assert.ok(refused.body.error.fields.some((f: { field: string }) => f.field === 'query.days'), refused.text);
      }
    });

    it('refuses to replay a draft with errors, naming each, and an unknown version', async () => {
      await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: 3, plan: split({ dallas: 70, tampa: 20 }) });
      const invalid = await whatIf(world.admin);
      assert.equal(invalid.status, 422, invalid.text);
      assert.equal(invalid.body.error.code, 'plan_invalid');
      assert.deepEqual(invalid.body.error.fields.map((f: { field: string }) => f.field), ['root']);
      assert.match(invalid.body.error.fields[0].message, /90/);
      assert.equal((await whatIf(world.admin, '?version=9')).status, 404);
    });

    it("answers another customer, and a user whose grant does not name the plan's number, as if the plan did not exist", async () => {
      for (const caller of [world.globexAdmin]) {
        const answer = await whatIf(caller, '?version=1');
        assert.equal(answer.status, 404, answer.text);
        assert.equal(answer.body.error.code, 'not_found');
      }
      const created = await world.admin.post('/api/toll-free/plans', { name: 'Second line', numbers: [B], plan: allTo('tampa') });
      const onB = await world.scopedManager.get(`/api/toll-free/plans/${created.body.plan.id}/what-if`);
      assert.equal(onB.status, 404, onB.text);
      assert.equal((await world.analyst.get(`/api/toll-free/plans/${planId}/what-if?version=1`)).status, 200, 'reading is enough');
    });

    it("lists what the caller's customer has for plans to name, with agents and its time zone", async () => {
      const answer = await world.admin.get('/api/toll-free/customers');
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.customers, [
        {
          tenantId: 'acme',
          timeZone: 'America/Chicago',
          callCenters: [
            { id: 'dallas', name: 'Dallas call center', agents: 3 },
            { id: 'tampa', name: 'Tampa call center', agents: 2 },
          ],
          announcements: [{ id: 'closed', name: 'We are closed' }],
        },
      ]);
      assert.deepEqual((await world.globexAdmin.get('/api/toll-free/customers')).body.customers.map((c: { tenantId: string }) => c.tenantId), ['globex']);
    });
  });
});
