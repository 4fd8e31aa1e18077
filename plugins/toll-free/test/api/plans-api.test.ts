import assert from 'node:assert/strict';
import type { Caller } from '../support/callers.js';
import { allTo, byState, split } from '../support/plan-trees.js';
import { forEachDatabase, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A, B, GLOBEX_NUMBER, seedWorld, type World } from '../support/world.js';

const fieldsOf = (answer: { body: { error: { fields?: Array<{ field: string }> } } }) => (answer.body.error.fields ?? []).map((f) => f.field);

forEachDatabase((kind, open) => {
  describe(`toll-free plans through a real host (${kind})`, () => {
    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let world: World;

    before(async () => {
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database));
      world = await seedWorld(host);
    });
    after(async () => {
      await cleanup?.();
      await database?.cleanup();
    });

    const create = async (caller: Caller, name: string, numbers: string[], plan = allTo('dallas')) => caller.post('/api/toll-free/plans', { name, numbers, plan });

    it('creates a plan as a draft, names the problems of what was saved, and lists the numbers with their plans', async () => {
      const created = await create(world.admin, 'Main line', [A], split({ dallas: 70, tampa: 20 }));
      assert.equal(created.status, 201, created.text);
      assert.deepEqual([created.body.plan.name, created.body.plan.numbers, created.body.plan.revision, created.body.plan.tenantId], ['Main line', [A], 1, 'acme']);
      assert.deepEqual([created.body.version.version, created.body.version.state], [1, 'draft']);
      // The 70/20 split is kept as a draft, its problem named on the node for the editor.
      assert.deepEqual(created.body.problems.map((p: { code: string; path: string; nodeId: string }) => [p.code, p.path, p.nodeId]), [['percent_total', 'root', 'split']]);
      assert.match(created.body.problems[0].message, /90/);

      const numbers = await world.admin.get('/api/toll-free/numbers');
      assert.equal(numbers.status, 200, numbers.text);
      assert.deepEqual(numbers.body.numbers.map((n: { number: string; plan: { name: string; activeVersion: number | null } | null }) => [n.number, n.plan?.name ?? null, n.plan?.activeVersion ?? null]), [
        [A, 'Main line', null],
        [B, null, null],
        ['+18005550102', null, null],
      ]);
      const globex = await world.globexAdmin.get('/api/toll-free/numbers');
      assert.deepEqual(globex.body.numbers.map((n: { number: string }) => n.number), [GLOBEX_NUMBER], "globex sees its own number only, never acme's");
    });

    it('refuses numbers that are not the caller\'s, and a number another plan routes, changing nothing', async () => {
      const foreign = await create(world.admin, 'Grab', [GLOBEX_NUMBER, '+18005559999']);
      assert.equal(foreign.status, 422, foreign.text);
      assert.equal(foreign.body.error.code, 'unknown_number');
      assert.deepEqual(fieldsOf(foreign), ['body.numbers[0]', 'body.numbers[1]']);
      const taken = await create(world.admin, 'Second', [A]);
      assert.equal(taken.status, 409, taken.text);
      assert.equal(taken.body.error.code, 'number_has_plan');
      // Two plans claiming one free number at the same moment: one wins, the other is told why (never a 500).
      const race = await Promise.all([create(world.admin, 'Race one', ['+18005550102']), create(world.admin, 'Race two', ['+18005550102'])]);
      assert.deepEqual(race.map((r) => r.status).sort(), [201, 409], race.map((r) => r.text).join('\n'));
      assert.equal(race.find((r) => r.status === 409)!.body.error.code, 'number_has_plan');
      const plans = (await world.admin.get('/api/toll-free/plans')).body.plans as Array<{ name: string }>;
      assert.deepEqual(plans.map((p) => p.name).filter((n) => n.startsWith('Race')).length, 1);
      assert.ok(!plans.some((p) => p.name === 'Grab' || p.name === 'Second'));
    });

    it('refuses a malformed body with the field and why, and a body nested past any sensible depth with a 400, not a crash', async () => {
      const bad = await world.admin.post('/api/toll-free/plans', { name: '', numbers: ['800'], plan: { root: { id: 'x', type: 'teleport' } } });
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.error.code, 'invalid_request');
      for (const field of ['body.name', 'body.numbers.0', 'body.plan.root.type']) assert.ok(fieldsOf(bad).some((f) => f.startsWith(field)), `${field} in ${JSON.stringify(fieldsOf(bad))}`);

      // 200 decisions deep (600 levels of JSON; the host's JSON reader itself refuses a few thousand):
      // refused where the schema stops, at 25 decisions, before anything walks the rest.
      type Deep = { id: string; type: string; branches: Array<{ percent: number; next: unknown }> };
      let node: unknown = { id: 'end', type: 'block' };
      for (let i = 0; i < 200; i++) node = { id: `p${i}`, type: 'percent', branches: [{ percent: 100, next: node }] } satisfies Deep;
      const deep = await world.admin.post('/api/toll-free/plans', { name: 'Deep', numbers: ['+18005550102'], plan: { root: node } });
      assert.equal(deep.status, 400, deep.text.slice(0, 300));
      assert.ok(fieldsOf(deep).some((f) => f.startsWith('body.plan.root.branches.0.next')), 'the field says where in the tree');

      // 21 decisions deep: within the schema, so it is saved as a draft and validation names the node past the limit.
      node = { id: 'end', type: 'block' };
      for (let i = 0; i < 21; i++) node = { id: `p${i}`, type: 'percent', branches: [{ percent: 100, next: node }] };
      const plans = (await world.admin.get('/api/toll-free/plans')).body.plans as Array<{ id: string; numbers: string[]; revision: number }>;
      const main = plans.find((p) => p.numbers.includes(A))!;
      const saved = await world.admin.put(`/api/toll-free/plans/${main.id}/draft`, { revision: main.revision, plan: { root: node } });
      assert.equal(saved.status, 200, saved.text);
      assert.ok(saved.body.problems.some((p: { code: string }) => p.code === 'depth_limit'));
    });

    it('refuses an edit based on a stale revision with 409 and keeps what the other person saved', async () => {
      const created = await create(world.admin, 'Texas line', [B], byState('dallas', 'tampa'));
      const { id, revision } = created.body.plan as { id: string; revision: number };
      const first = await world.admin.put(`/api/toll-free/plans/${id}/draft`, { revision, plan: byState('tampa', 'dallas') });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.plan.revision, revision + 1);
      assert.deepEqual(first.body.problems, []);
      const stale = await world.admin.put(`/api/toll-free/plans/${id}/draft`, { revision, plan: allTo('tampa') });
      assert.equal(stale.status, 409, stale.text);
      assert.equal(stale.body.error.code, 'stale_revision');
      const read = await world.admin.get(`/api/toll-free/plans/${id}`);
      assert.deepEqual(read.body.versions[0].plan, byState('tampa', 'dallas'), 'the first edit stands');
      assert.equal(read.body.plan.revision, revision + 1);
    });

    it('validates a tree without saving it, with each problem\'s path and words', async () => {
      const plans = (await world.admin.get('/api/toll-free/plans')).body.plans as Array<{ id: string; numbers: string[]; revision: number }>;
      const texas = plans.find((p) => p.numbers.includes(B))!;
      const answer = await world.admin.post(`/api/toll-free/plans/${texas.id}/validate`, { plan: byState('dallas', 'houston') });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.problems.map((p: { code: string; path: string; where: string }) => [p.code, p.path, p.where]), [['destination_not_owned', 'root.other', 'Origin by state › Other › Route to call center houston']]);
      assert.equal((await world.admin.get(`/api/toll-free/plans/${texas.id}`)).body.plan.revision, texas.revision, 'nothing saved');
    });

    it("keeps a user scoped to number A out of number B's plan (404) and an editor without plans.activate from activating (403)", async () => {
      const plans = (await world.admin.get('/api/toll-free/plans')).body.plans as Array<{ id: string; numbers: string[]; revision: number; draftVersion: number }>;
      const planA = plans.find((p) => p.numbers.includes(A))!;
      const planB = plans.find((p) => p.numbers.includes(B))!;
      const mine = await world.scopedManager.get('/api/toll-free/plans');
      assert.deepEqual(mine.body.plans.map((p: { id: string }) => p.id), [planA.id], 'only the plan of number A');
      assert.deepEqual((await world.scopedManager.get('/api/toll-free/numbers')).body.numbers.map((n: { number: string }) => n.number), [A]);
      assert.equal((await world.scopedManager.get(`/api/toll-free/plans/${planA.id}`)).status, 200);

      const refusals = [
        await world.scopedManager.get(`/api/toll-free/plans/${planB.id}`),
        await world.scopedManager.put(`/api/toll-free/plans/${planB.id}/draft`, { revision: planB.revision, plan: allTo('dallas') }),
        await world.scopedManager.post(`/api/toll-free/plans/${planB.id}/activate`, { revision: planB.revision, version: planB.draftVersion }),
        await world.scopedManager.get(`/api/toll-free/plans/${planB.id}/diff?from=1&to=1`),
        await world.globexAdmin.get(`/api/toll-free/plans/${planA.id}`),
        await world.globexAdmin.put(`/api/toll-free/plans/${planA.id}/draft`, { revision: planA.revision, plan: allTo('phoenix') }),
        await world.admin.get('/api/toll-free/plans/00000000-0000-4000-8000-000000000000'),
      ];
      assert.deepEqual(refusals.map((r) => [r.status, r.body.error?.code]), Array(7).fill([404, 'not_found']), refusals.map((r) => r.text).join('\n'));
      assert.equal(refusals[0]!.text.replace(/"requestId":"[^"]+"/, ''), refusals[6]!.text.replace(/"requestId":"[^"]+"/, ''), "someone else's plan is answered exactly like one that does not exist");
      const scopedCreate = await create(world.scopedManager, 'Sneaky', [B]);
      assert.deepEqual([scopedCreate.status, scopedCreate.body.error.code], [403, 'forbidden_resource'], 'B is acme\'s, but not within the grant');

      // The editor may save the draft, never take it live.
      const saved = await world.editor.put(`/api/toll-free/plans/${planA.id}/draft`, { revision: planA.revision, plan: split({ dallas: 70, tampa: 30 }) });
      assert.equal(saved.status, 200, saved.text);
      const activate = await world.editor.post(`/api/toll-free/plans/${planA.id}/activate`, { revision: saved.body.plan.revision, version: saved.body.version.version });
      assert.deepEqual([activate.status, activate.body.error.code], [403, 'forbidden'], activate.text);
      assert.equal((await world.admin.get(`/api/toll-free/plans/${planA.id}`)).body.versions[0].state, 'draft', 'still a draft');
    });
  });
});
