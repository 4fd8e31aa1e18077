import assert from 'node:assert/strict';
import { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, type NumberAssigned } from '@switchboard/plugin-orders';
import { callInput } from '../support/index.js';
import { apiClient, type ApiClient } from '../support/callers.js';
import { forEachDatabase, seedTenant, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';

const NUMBER = '+18445550123';

/**
 * A number the orders plugin assigns (a completed order) is attributed to its customer from then
 * on, and one it disconnects no longer is: traffic follows the inventory's events, published as
 * the orders plugin publishes them, on the host's real bus.
 */
forEachDatabase((kind, open) => {
  describe(`traffic: number ownership followed from the orders plugin's events (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let edge: ApiClient;
    let sent = 0;

    /** Posts one call to the number; the answer says whether it was attributed. */
    const sendCall = async () => {
      sent += 1;
      const answer = await edge.post('/api/traffic/cdrs', [callInput({ sourceId: `ordered-${sent}`, dialedNumber: NUMBER })]);
      assert.equal(answer.status, 200, answer.text);
      return answer.body as { stored: number; refused: { code: string }[] };
    };
    const owner = async () => ((await host.db.knex('traffic_numbers').where({ number: NUMBER }).first()) as { tenant_id: string } | undefined)?.tenant_id;
    /** The consumer acknowledges once the registry has the change; the test looks until it has. */
    const ownerBecomes = async (expected: string | undefined) => {
      for (let tries = 0; tries < 100 && (await owner()) !== expected; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await owner(), expected);
    };

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      await seedTenant(host, 'globex', { plugins: ['traffic'] });
      edge = await apiClient(host, { tenantId: 'carrier', name: 'sbc-1', kind: 'network', roleId: 'network-element' });
    });
    after(async () => {
      await cleanup?.();
    });

    it('refuses calls to a number nobody has ordered', async () => {
      assert.deepEqual((await sendCall()).refused.map((r) => r.code), ['unknown_number']);
    });

    it("attributes calls to the customer an order assigned the number to, and no longer once it is disconnected", async () => {
      await host.bus.publish<NumberAssigned>(NUMBER_ASSIGNED, { number: NUMBER, tenantId: 'acme' }, { id: 'assigned-1' });
      await ownerBecomes('acme');
      assert.equal((await sendCall()).stored, 1);
      const [call] = (await host.db.knex('traffic_calls').where({ dialed_number: NUMBER })) as { tenant_id: string }[];
      assert.equal(call?.tenant_id, 'acme');

      await host.bus.publish(NUMBER_DISCONNECTED, { number: NUMBER, tenantId: 'acme' }, { id: 'disconnected-1' });
      await ownerBecomes(undefined);
      assert.deepEqual((await sendCall()).refused.map((r) => r.code), ['unknown_number']);
    });

    it('leaves a number with its new owner when a late disconnection names the old one', async () => {
      await host.bus.publish<NumberAssigned>(NUMBER_ASSIGNED, { number: NUMBER, tenantId: 'globex' }, { id: 'assigned-2' });
      await ownerBecomes('globex');
      await host.bus.publish(NUMBER_DISCONNECTED, { number: NUMBER, tenantId: 'acme' }, { id: 'disconnected-2' });
      // A later assignment, after the stale disconnection, proves the consumer has passed it.
      await host.bus.publish<NumberAssigned>(NUMBER_ASSIGNED, { number: '+18445550124', tenantId: 'acme' }, { id: 'assigned-3' });
      for (let tries = 0; tries < 100 && !(await host.db.knex('traffic_numbers').where({ number: '+18445550124' }).first()); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(await owner(), 'globex');
    });
  });
});
