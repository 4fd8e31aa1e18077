import assert from 'node:assert/strict';
import { ApiError } from '@switchboard/sdk';
import type { RoutingPlan } from '../../src/plan/model.js';
import { validatePlan } from '../../src/plan/validate/validate-plan.js';
import type { Actor, PlanStore } from '../../src/server/plan-store.js';
import { openPlanStore, TestClock } from '../support/plan-store.js';
import { OWNED, plan, toCenter } from '../support/plans.js';
import { forEachDatabase, type TestDatabase } from '../support/switchboard.js';

const ann: Actor = { tenants: ['acme'], by: 'ann@acme.example' };
const bob: Actor = { tenants: ['acme'], by: 'bob@acme.example' };
const eve: Actor = { tenants: ['globex'], by: 'eve@globex.example' };
const validate = (tree: RoutingPlan) => validatePlan(tree, { owned: OWNED });

const split = (dallas: number, tampa: number): RoutingPlan =>
  plan({ id: 'split', type: 'percent', branches: [{ percent: dallas, next: toCenter('dallas') }, { percent: tampa, next: toCenter('tampa') }] });

async function refused(promise: Promise<unknown>, status: number, code: string): Promise<ApiError> {
  const error = await promise.then(
    () => assert.fail(`expected ${status} ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ApiError, String(error));
  assert.deepEqual([error.status, error.code], [status, code], error.message);
  return error;
}

forEachDatabase((kind, open) => {
  describe(`toll-free: plans and versions (${kind})`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let store: PlanStore;

    beforeEach(async () => {
      database = await open();
      clock = new TestClock(new Date('2026-06-01T12:00:00Z'));
      store = await openPlanStore(database.db, clock);
    });
    afterEach(() => database?.cleanup());

    const create = () => store.create(ann, { tenantId: 'acme', name: 'Main line', plan: split(70, 30), numbers: ['+18005550100', '+18885550100'] });
    const states = async (planId: string) => (await store.versions(ann, planId)).map((v) => `${v.version}:${v.state}`);

    it('creates a plan whose version 1 is a draft, and keeps each number to one plan', async () => {
      const created = await create();
      assert.deepEqual([created.name, created.revision, created.numbers], ['Main line', 1, ['+18005550100', '+18885550100']]);
      const [draft] = await store.versions(ann, created.id);
      assert.deepEqual([draft!.version, draft!.state, draft!.createdBy, draft!.plan], [1, 'draft', 'ann@acme.example', split(70, 30)]);
      const error = await refused(store.create(ann, { tenantId: 'acme', name: 'Other', plan: split(50, 50), numbers: ['+18775550100', '+18885550100'] }), 409, 'number_has_plan');
      assert.match(error.message, /\+18885550100 is already routed by another plan/);
      const plans = (await database.db.knex('toll_free_plans').count({ n: '*' }).first()) as { n: number | string };
      assert.equal(Number(plans.n), 1, 'nothing of the refused plan was stored');
      assert.deepEqual(await database.db.knex('toll_free_plan_numbers').orderBy('number').pluck('number'), ['+18005550100', '+18885550100']);
    });

    it('refuses an edit based on a stale revision, and the edit saved first is kept', async () => {
      const created = await create();
      const saved = await store.saveDraft(ann, created.id, { revision: 1, plan: split(60, 40) });
      assert.deepEqual([saved.version, saved.state], [1, 'draft'], 'the draft changes in place');
      const error = await refused(store.saveDraft(bob, created.id, { revision: 1, plan: split(10, 90) }), 409, 'stale_revision');
      assert.match(error.message, /changed since revision 1 \(it is at revision 2\)/);
      const [draft] = await store.versions(ann, created.id);
      assert.deepEqual([draft!.plan, draft!.createdBy], [split(60, 40), 'ann@acme.example']);
      assert.equal((await store.get(ann, created.id))!.revision, 2);
    });

    it('never activates a plan with errors: 422 with each problem, and the draft and revision stay as they were', async () => {
      const created = await create();
      await store.saveDraft(ann, created.id, { revision: 1, plan: split(70, 20) });
      const error = await refused(store.activate(ann, created.id, { revision: 2, version: 1 }, validate), 422, 'plan_invalid');
      assert.deepEqual(error.fields, [{ field: 'root', message: 'Percent: The percentages add up to 90% (70% + 20%), not 100%.' }]);
      assert.deepEqual(await states(created.id), ['1:draft']);
      assert.equal((await store.get(ann, created.id))!.revision, 2);
    });

    it('activates a draft now, starts the next draft on the next save, and supersedes the old version when that one goes live', async () => {
      const created = await create();
      const active = await store.activate(ann, created.id, { revision: 1, version: 1 }, validate);
      assert.deepEqual([active.state, active.activatedAt, active.effectiveAt], ['active', '2026-06-01T12:00:00.000Z', '2026-06-01T12:00:00.000Z']);
      const next = await store.saveDraft(ann, created.id, { revision: 2, plan: split(50, 50) });
      assert.deepEqual([next.version, next.state], [2, 'draft']);
      await refused(store.activate(ann, created.id, { revision: 3, version: 1 }, validate), 409, 'not_a_draft');
      clock.set('2026-06-01T13:00:00Z');
      await store.activate(ann, created.id, { revision: 3, version: 2 }, validate);
      assert.deepEqual(await states(created.id), ['2:active', '1:superseded']);
      const [, superseded] = await store.versions(ann, created.id);
      assert.equal(superseded!.supersededAt, '2026-06-01T13:00:00.000Z');
      assert.deepEqual(
        (await store.activeVersions()).map(({ planId, version, numbers, plan: tree }) => ({ planId, version, numbers, tree })),
        [{ planId: created.id, version: 2, numbers: ['+18005550100', '+18885550100'], tree: split(50, 50) }],
      );
    });

    it('activates a scheduled version when its time comes (by the clock, not by waiting), once', async () => {
      const created = await create();
      await store.activate(ann, created.id, { revision: 1, version: 1 }, validate);
      await store.saveDraft(ann, created.id, { revision: 2, plan: split(50, 50) });
      const scheduled = await store.activate(ann, created.id, { revision: 3, version: 2, effectiveAt: '2026-06-02T06:00:00.000Z' }, validate);
      assert.deepEqual([scheduled.state, scheduled.effectiveAt], ['scheduled', '2026-06-02T06:00:00.000Z']);

      clock.set('2026-06-02T05:59:59.999Z');
      assert.deepEqual(await store.activateDue(), []);
      assert.deepEqual(await states(created.id), ['2:scheduled', '1:active']);

      clock.set('2026-06-02T06:00:00Z');
      assert.deepEqual(await store.activateDue(), [{ planId: created.id, tenantId: 'acme', version: 2, numbers: ['+18005550100', '+18885550100'] }]);
      assert.deepEqual(await states(created.id), ['2:active', '1:superseded']);
      const [live] = await store.versions(ann, created.id);
      assert.deepEqual([live!.effectiveAt, live!.activatedAt], ['2026-06-02T06:00:00.000Z', '2026-06-02T06:00:00.000Z']);
      assert.deepEqual(await store.activateDue(), [], 'nothing is activated twice');
      await refused(store.saveDraft(ann, created.id, { revision: 4, plan: split(10, 90) }), 409, 'stale_revision');
    });

    it('rolls back to an earlier version as a new active version, keeping the history and the draft', async () => {
      const created = await create();
      await store.activate(ann, created.id, { revision: 1, version: 1 }, validate);
      await store.saveDraft(ann, created.id, { revision: 2, plan: split(50, 50) });
      await store.activate(ann, created.id, { revision: 3, version: 2 }, validate);
      await store.saveDraft(ann, created.id, { revision: 4, plan: split(20, 80) });
      const rolledBack = await store.rollback(ann, created.id, { revision: 5, toVersion: 1 }, validate);
      assert.deepEqual([rolledBack.version, rolledBack.state, rolledBack.plan], [4, 'active', split(70, 30)]);
      assert.deepEqual(await states(created.id), ['4:active', '3:draft', '2:superseded', '1:superseded']);
      await refused(store.rollback(ann, created.id, { revision: 6, toVersion: 3 }, validate), 409, 'never_active');
      const draft = await store.saveDraft(ann, created.id, { revision: 6, plan: split(30, 70) });
      assert.equal(draft.version, 3, 'the draft kept through the rollback is the one edited');
    });

    it('answers another tenant\'s plan exactly like one that does not exist', async () => {
      const created = await create();
      assert.equal(await store.get(eve, created.id), null);
      for (const attempt of [
        store.versions(eve, created.id),
        store.saveDraft(eve, created.id, { revision: 1, plan: split(1, 99) }),
        store.activate(eve, created.id, { revision: 1, version: 1 }, validate),
        store.rollback(eve, created.id, { revision: 1, toVersion: 1 }, validate),
        store.versions(ann, '00000000-0000-0000-0000-000000000000'),
      ]) {
        const error = await refused(attempt, 404, 'not_found');
        assert.equal(error.message, 'No such routing plan.');
      }
      assert.deepEqual(await states(created.id), ['1:draft']);
    });
  });
});
