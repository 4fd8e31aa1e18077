import assert from 'node:assert/strict';
import type { Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { schedulerOnAnotherProcess } from '../support/another-process.js';
import { allTo, byState, split } from '../support/plan-trees.js';
import { forEachDatabase, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A, B, GLOBEX_NUMBER, seedWorld, type World } from '../support/world.js';

const ZONE = 'America/Chicago';
/** A caller from Dallas (214, Texas) and one from Manhattan (212). */
const TEXAN = '+12145550111';
const NEW_YORKER = '+12125550123';

/** The day after tomorrow on the customer's clock, as YYYY-MM-DD. */
const dayAfterTomorrow = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 2 * 86_400_000));
const onChicagoClock = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso)).replace(', ', 'T');

forEachDatabase((kind, open) => {
  describe(`toll-free activation, routing query and re-route through a real host (${kind})`, () => {
    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let world: World;
    let planId: string;

    before(async () => {
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database));
      world = await seedWorld(host);
    });
    after(async () => {
      await cleanup?.();
      await database?.cleanup();
    });

    const ask = (caller: Caller, body: Record<string, unknown>, query = '', headers: Record<string, string> = {}) => caller.post(`/api/toll-free/route${query}`, { callId: 'call-1', ...body }, headers);
    const planOf = async () => (await world.admin.get(`/api/toll-free/plans/${planId}`)).body as { plan: { revision: number }; versions: Array<{ version: number; state: string; effectiveAt: string | null }> };
    const auditOf = async (action: string) => (await host.db.knex('host_audit').where({ plugin: 'toll-free', action }).orderBy('seq')) as Array<{ tenant_id: string; resource: string; actor_subject: string; details: string }>;

    it('refuses to activate a plan with errors (422 plan_invalid, each problem a field) and activates it once fixed; the network is answered at once', async () => {
      const created = await world.admin.post('/api/toll-free/plans', { name: 'Main line', numbers: [A], plan: split({ dallas: 70, tampa: 20 }) });
      planId = created.body.plan.id;
      const refused = await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: 1, version: 1 });
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.body.error.code, 'plan_invalid');
      assert.deepEqual(refused.body.error.fields.map((f: { field: string }) => f.field), ['root']);
      assert.equal((await ask(world.proxy, { dialedNumber: A })).status, 404, 'nothing routes A yet');

      // The refusal changed nothing, the revision included.
      const fixed = await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: 1, plan: split({ dallas: 70, tampa: 30 }) });
      assert.equal(fixed.status, 200, fixed.text);
      const activated = await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: fixed.body.plan.revision, version: 1 });
      assert.equal(activated.status, 200, activated.text);
      assert.equal(activated.body.version.state, 'active');

      const answer = await ask(world.proxy, { dialedNumber: A, callingNumber: TEXAN });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.plan, { id: planId, version: 1 });
      assert.equal(answer.body.reroute, null);
      assert.deepEqual(answer.body.path.map((step: { nodeId: string }) => step.nodeId), ['split']);
      const centers = new Map<string, number>();
      for (let i = 0; i < 2000; i++) {
        const routed = await ask(world.proxy, { dialedNumber: A, callId: `call-${i}` });
        centers.set(routed.body.destination.callCenterId, (centers.get(routed.body.destination.callCenterId) ?? 0) + 1);
      }
      assert.ok(Math.abs(centers.get('dallas')! / 2000 - 0.7) < 0.04, `about 70% to Dallas: ${JSON.stringify([...centers])}`);
      const again = await ask(world.proxy, { dialedNumber: A, callId: 'call-7' });
      assert.deepEqual(again.body, (await ask(world.proxy, { dialedNumber: A, callId: 'call-7' })).body, 'the same call id goes the same way');

      const [audited] = await auditOf('plan.activate');
      assert.equal(audited!.resource, planId);
      assert.equal(audited!.tenant_id, 'acme');
      assert.deepEqual(JSON.parse(audited!.details), { version: 1, numbers: [A], effectiveAt: activated.body.version.effectiveAt });
    });

    it('answers the routing query in Kamailio\'s rtjson shape on ?format=rtjson or an Accept naming it', async () => {
      const rtjson = await ask(world.proxy, { dialedNumber: '(800) 555-0100', callId: 'call-7' }, '?format=rtjson');
      assert.equal(rtjson.status, 200, rtjson.text);
      const center = (await ask(world.proxy, { dialedNumber: A, callId: 'call-7' })).body.destination.callCenterId as string;
      assert.deepEqual(rtjson.body, {
        version: '1.0',
        routing: 'serial',
        routes: [{ uri: `sip:agents@${center}.acme.example`, headers: { extra: `X-Routing-Plan: ${planId};version=1\r\n` } }],
        action: 'route',
        plan: { id: planId, version: 1 },
        reroute: null,
      });
      const byAccept = await ask(world.proxy, { dialedNumber: A, callId: 'call-7' }, '', { accept: 'application/vnd.kamailio.rtjson+json' });
      assert.deepEqual(byAccept.body, rtjson.body);
    });

    it('answers the network only about numbers it serves, and refuses bad questions with the field', async () => {
      assert.equal((await ask(world.acmeSbc, { dialedNumber: A })).status, 200, "acme's own SBC may ask about acme's number");
      const plan = await world.globexAdmin.post('/api/toll-free/plans', { name: 'Globex', numbers: [GLOBEX_NUMBER], plan: allTo('phoenix') });
      await world.globexAdmin.post(`/api/toll-free/plans/${plan.body.plan.id}/activate`, { revision: 1, version: 1 });
      assert.equal((await ask(world.proxy, { dialedNumber: GLOBEX_NUMBER })).status, 200, "the carrier's proxy routes every customer");
      const foreign = await ask(world.acmeSbc, { dialedNumber: GLOBEX_NUMBER });
      const unrouted = await ask(world.acmeSbc, { dialedNumber: '+18005550199' });
      assert.deepEqual([foreign.status, foreign.body.error.code], [404, 'no_route']);
      assert.equal(foreign.body.error.message.replace(GLOBEX_NUMBER, 'N'), unrouted.body.error.message.replace('+18005550199', 'N'), "another customer's number is answered like one nobody routes");
      assert.equal((await ask(world.analyst, { dialedNumber: A })).status, 403, 'people do not ask; network elements do');
      const bad = await world.proxy.post('/api/toll-free/route', { dialedNumber: 'call me', time: 'yesterday', originLata: '12' });
      assert.equal(bad.status, 400, bad.text);
      assert.deepEqual(bad.body.error.fields.map((f: { field: string }) => f.field).sort(), ['body.callId', 'body.originLata', 'body.time']);
      const noNumber = await ask(world.proxy, { dialedNumber: 'call me' });
      assert.deepEqual([noNumber.status, noNumber.body.error.fields[0].field], [400, 'body.dialedNumber']);
    });

    it('schedules a version for a quarter hour on the customer\'s clock, which goes live when the scheduler\'s clock reaches it', async () => {
      const day = dayAfterTomorrow();
      const draft = await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: (await planOf()).plan.revision, plan: byState('dallas', 'tampa') });
      assert.equal(draft.body.version.version, 2);
      const revision = draft.body.plan.revision as number;
      for (const [effectiveAt, code] of [[`${day}T08:10`, 'not_quarter_hour'], ['2020-01-01T08:00', 'effective_time_passed'], [`${day}T8am`, 'invalid_request']] as const) {
        const refused = await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision, version: 2, effectiveAt, timeZone: ZONE });
        assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.fields[0].field], [400, code, 'body.effectiveAt'], refused.text);
      }
      const scheduled = await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision, version: 2, effectiveAt: `${day}T08:00`, timeZone: ZONE });
      assert.equal(scheduled.status, 200, scheduled.text);
      assert.equal(scheduled.body.version.state, 'scheduled');
      assert.equal(onChicagoClock(scheduled.body.version.effectiveAt), `${day}T08:00`, 'stored in UTC, 08:00 in Chicago');
      assert.equal((await ask(world.proxy, { dialedNumber: A, callingNumber: TEXAN })).body.plan.version, 1, 'version 1 answers until then');

      const { clock, scheduler } = schedulerOnAnotherProcess(host);
      clock.set(new Date(Date.parse(scheduled.body.version.effectiveAt) - 60_000).toISOString());
      assert.deepEqual(await scheduler.tick(), [], 'a minute early: nothing');
      clock.set(scheduled.body.version.effectiveAt);
      assert.deepEqual((await scheduler.tick()).map((a) => [a.planId, a.version]), [[planId, 2]]);
      assert.deepEqual(await scheduler.tick(), [], 'once');
      await eventually('the host to route by version 2', async () => (await ask(world.proxy, { dialedNumber: A, callingNumber: TEXAN })).body.plan.version === 2);
      const texan = await ask(world.proxy, { dialedNumber: A, callingNumber: TEXAN });
      const newYorker = await ask(world.proxy, { dialedNumber: A, callingNumber: NEW_YORKER });
      assert.deepEqual([texan.body.destination.callCenterId, newYorker.body.destination.callCenterId], ['dallas', 'tampa']);
      assert.deepEqual(texan.body.path, [{ nodeId: 'origin', branch: 0 }]);
      assert.deepEqual(newYorker.body.path, [{ nodeId: 'origin', branch: 'other' }]);
      const versions = (await planOf()).versions;
      assert.deepEqual(versions.map((v) => [v.version, v.state]), [[2, 'active'], [1, 'superseded']]);
      const [audited] = await auditOf('plan.activate.scheduled');
      assert.deepEqual([audited!.actor_subject, JSON.parse(audited!.details)], ['toll-free-scheduler', { version: 2, numbers: [A] }]);
    });

    it('rolls back to an earlier version as a new active version, and says in words what changed', async () => {
      const rolled = await world.admin.post(`/api/toll-free/plans/${planId}/rollback`, { revision: (await planOf()).plan.revision, toVersion: 1 });
      assert.equal(rolled.status, 200, rolled.text);
      assert.deepEqual([rolled.body.version.version, rolled.body.version.state], [3, 'active']);
      const answer = await ask(world.proxy, { dialedNumber: A, callingNumber: TEXAN, callId: 'call-7' });
      assert.deepEqual(answer.body.plan, { id: planId, version: 3 });
      assert.deepEqual(answer.body.path.map((step: { nodeId: string }) => step.nodeId), ['split'], 'the split of version 1 again');
      assert.deepEqual((await planOf()).versions.map((v) => [v.version, v.state]), [[3, 'active'], [2, 'superseded'], [1, 'superseded']]);
      const stale = await world.admin.post(`/api/toll-free/plans/${planId}/rollback`, { revision: 1, toVersion: 2 });
      assert.deepEqual([stale.status, stale.body.error.code], [409, 'stale_revision']);

      // From the split to a new split: each percentage change in words, on the branch it concerns.
      const revision = (await planOf()).plan.revision;
      await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision, plan: split({ dallas: 60, tampa: 40 }) });
      const diff = await world.admin.get(`/api/toll-free/plans/${planId}/diff?from=3&to=4`);
      assert.equal(diff.status, 200, diff.text);
      assert.deepEqual(diff.body.changes.map((c: { kind: string; path: string; message: string }) => [c.kind, c.path, c.message]), [
        ['branch-changed', 'root.branches[0]', '70% → 60% to Route to call center dallas.'],
        ['branch-changed', 'root.branches[1]', '30% → 40% to Route to call center tampa.'],
      ]);
      const origin = await world.admin.get(`/api/toll-free/plans/${planId}/diff?from=1&to=2`);
      assert.deepEqual(origin.body.changes.map((c: { kind: string; message: string }) => [c.kind, c.message]), [
        ['node-added', 'Origin by state was added.'],
        ['node-removed', 'Percent was removed.'],
      ]);
      assert.equal((await world.admin.get(`/api/toll-free/plans/${planId}/diff?from=1&to=9`)).status, 404);
    });

    it('re-routes chosen numbers in an emergency until undone or expired, then the plan routes again; audited', async () => {
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const made = await world.admin.post('/api/toll-free/reroutes', { numbers: [A, B], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt, reason: 'Dallas flooded' });
      assert.equal(made.status, 201, made.text);
      const rerouted = await ask(world.proxy, { dialedNumber: A, callingNumber: TEXAN, callId: 'call-7' });
      assert.deepEqual([rerouted.body.destination, rerouted.body.plan, rerouted.body.reroute], [{ type: 'call-center', callCenterId: 'tampa' }, null, { id: made.body.id, expiresAt }]);
      assert.equal((await ask(world.proxy, { dialedNumber: B })).body.destination.callCenterId, 'tampa', 'B has no plan, and is re-routed all the same');
      const later = await ask(world.proxy, { dialedNumber: A, callId: 'call-7', time: new Date(Date.parse(expiresAt) + 1000).toISOString() });
      assert.deepEqual(later.body.plan, { id: planId, version: 3 }, 'a call after the expiry takes the plan again');
      const listed = (await world.admin.get('/api/toll-free/numbers')).body.numbers as Array<{ number: string; reroute: { id: string } | null }>;
      assert.deepEqual(listed.map((n) => [n.number, n.reroute?.id ?? null]), [[A, made.body.id], [B, made.body.id], ['+18005550102', null]]);

      const twice = await world.admin.post('/api/toll-free/reroutes', { numbers: [B], destination: { type: 'call-center', callCenterId: 'dallas' }, expiresAt });
      assert.deepEqual([twice.status, twice.body.error.code], [409, 'number_rerouted']);
      for (const [body, status, code] of [
        [{ numbers: [GLOBEX_NUMBER], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt }, 422, 'unknown_number'],
        [{ numbers: ['+18005550102'], destination: { type: 'call-center', callCenterId: 'phoenix' }, expiresAt }, 422, 'destination_invalid'],
        [{ numbers: ['+18005550102'], destination: { type: 'number', number: '555-0100' }, expiresAt }, 422, 'destination_invalid'],
        [{ numbers: ['+18005550102'], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt: '2020-01-01T00:00:00Z' }, 400, 'invalid_request'],
      ] as const) {
        const refused = await world.admin.post('/api/toll-free/reroutes', body);
        assert.deepEqual([refused.status, refused.body.error.code], [status, code], refused.text);
      }
      assert.equal((await world.editor.post('/api/toll-free/reroutes', { numbers: ['+18005550102'], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt })).status, 403);
      assert.equal((await world.scopedManager.delete(`/api/toll-free/reroutes/${made.body.id}`)).status, 404, 'the re-route has B too, outside the grant');
      assert.equal((await world.globexAdmin.delete(`/api/toll-free/reroutes/${made.body.id}`)).status, 404);

      const undone = await world.admin.delete(`/api/toll-free/reroutes/${made.body.id}`);
      assert.equal(undone.status, 200, undone.text);
      assert.ok(undone.body.endedAt);
      const back = await ask(world.proxy, { dialedNumber: A, callId: 'call-7' });
      assert.deepEqual([back.body.plan, back.body.reroute], [{ id: planId, version: 3 }, null], 'the plan active before routes again');
      assert.equal((await ask(world.proxy, { dialedNumber: B })).status, 404);
      const again = await world.admin.delete(`/api/toll-free/reroutes/${made.body.id}`);
      assert.deepEqual([again.status, again.body.error.code], [409, 'reroute_over']);
      assert.deepEqual((await world.admin.get('/api/toll-free/reroutes')).body.reroutes, []);

      const [created] = await auditOf('reroute.create');
      assert.deepEqual(JSON.parse(created!.details), { numbers: [A, B], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt, reason: 'Dallas flooded' });
      assert.equal((await auditOf('reroute.undo')).length, 1);
      const requests = (await host.db.knex('host_audit').where({ plugin: 'toll-free' }).pluck('action')) as string[];
      assert.ok(requests.includes('DELETE /api/toll-free/reroutes/:rerouteId') && requests.includes('POST /api/toll-free/plans/:planId/rollback'), 'and each request, by the dispatcher');
    });
  });
});
