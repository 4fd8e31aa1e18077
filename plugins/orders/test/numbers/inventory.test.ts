import assert from 'node:assert/strict';
import { vanityPattern } from '../../src/numbers/vanity-pattern.js';
import { openInventory, statesOf } from '../support/inventory-store.js';
import { forEachDatabase, type TestDatabase } from '../support/switchboard.js';
import { TestClock } from '../support/test-clock.js';

type Inventory = Awaited<ReturnType<typeof openInventory>>;

const like = (pattern: string) => {
  const read = vanityPattern(pattern);
  assert.ok('like' in read);
  return read.like;
};

/** What the audit trail says the sweep did, per tenant. */
async function sweepEntries(t: Inventory): Promise<{ tenant: string; action: string; numbers: string[] }[]> {
  const rows = (await t.db.knex('host_audit').where({ plugin: 'orders' }).orderBy('seq')) as { tenant_id: string; action: string; details: string }[];
  return rows.map((row) => ({ tenant: row.tenant_id, action: row.action, numbers: (JSON.parse(row.details) as { numbers: string[] }).numbers }));
}

forEachDatabase((kind, open) => {
  describe(`orders: the number inventory and its sweep (${kind})`, () => {
    let database: TestDatabase;
    let t: Inventory;
    let clock: TestClock;

    beforeEach(async () => {
      database = await open();
      clock = new TestClock();
      t = await openInventory(database.db, clock);
    });
    afterEach(async () => {
      await database?.cleanup();
    });

    it('adds spare numbers once: adding them again changes nothing and says they exist', async () => {
      const first = await t.inventory.addSpares(['+18005550101', '+18005550100']);
      assert.deepEqual(first, { added: ['+18005550100', '+18005550101'], existing: [] });
      const again = await t.inventory.addSpares(['+18005550100', '+18885550100']);
      assert.deepEqual(again, { added: ['+18885550100'], existing: ['+18005550100'] });
      assert.deepEqual(await statesOf(t.db, ['+18005550100', '+18005550101', '+18885550100']), {
        '+18005550100': 'spare',
        '+18005550101': 'spare',
        '+18885550100': 'spare',
      });
    });

    it('finds vanity numbers among the spare ones only, a page at a time', async () => {
      await t.inventory.addSpares(['+18003569377', '+18883569377', '+18005550100', '+18005550101', '+18445550150', '+18665550199', '+18775551234']);
      const flowers = await t.inventory.searchSpare(like('8??-FLOWERS'), { limit: 10 });
      assert.deepEqual(flowers, { items: ['+18003569377', '+18883569377'], next: null });

      // Someone reserves one: it is no longer found.
      await t.inventory.reserveChosen(t.db.knex, { tenantId: 'acme', orderId: 'ord_1', until: t.inventory.daysFromNow(45) }, ['+18883569377']);
      assert.deepEqual((await t.inventory.searchSpare(like('8??-FLOWERS'), { limit: 10 })).items, ['+18003569377']);

      const first = await t.inventory.searchSpare(like('8??-555-01??'), { limit: 2 });
      assert.deepEqual(first, { items: ['+18005550100', '+18005550101'], next: '+18005550101' });
      const second = await t.inventory.searchSpare(like('8??-555-01??'), { limit: 2, after: first.next! });
      assert.deepEqual(second, { items: ['+18445550150', '+18665550199'], next: null });
      assert.deepEqual((await t.inventory.searchSpare(like('*1234'), { limit: 10 })).items, ['+18775551234']);
    });

    it('reserves a number for one order only: a second order racing for it gets nothing', async () => {
      await t.inventory.addSpares(['+18005550100', '+18005550101', '+18005550102']);
      const until = t.inventory.daysFromNow(45);
      const [first, second] = await Promise.all([
        t.db.knex.transaction((trx) => t.inventory.reserveAny(trx, { tenantId: 'acme', orderId: 'ord_a', until }, 2, null)),
        t.db.knex.transaction((trx) => t.inventory.reserveAny(trx, { tenantId: 'globex', orderId: 'ord_b', until }, 2, null)),
      ]);
      // Three numbers for four wanted: every number went to exactly one order.
      assert.equal(first.length + second.length, 3);
      assert.deepEqual([...first, ...second].sort(), ['+18005550100', '+18005550101', '+18005550102']);
      const refused = await t.inventory.reserveChosen(t.db.knex, { tenantId: 'initech', orderId: 'ord_c', until }, ['+18005550100', '+18009999999']);
      assert.deepEqual(refused, ['+18005550100', '+18009999999'], 'a taken number and one not in the inventory answer alike');
    });

    it('puts a reservation back to spare when it lapses (45 days by default), not a moment before', async () => {
      await t.inventory.addSpares(['+18005550100', '+18005550101']);
      await t.inventory.reserveChosen(t.db.knex, { tenantId: 'acme', orderId: 'ord_1', until: t.inventory.daysFromNow(45) }, ['+18005550100']);

      clock.advanceDays(44.99);
      assert.deepEqual(await t.sweeper.runOnce(), { expired: [], aged: [] });
      assert.equal((await statesOf(t.db, ['+18005550100']))['+18005550100'], 'reserved');

      clock.advanceDays(0.01);
      const swept = await t.sweeper.runOnce();
      assert.deepEqual(swept.expired, [{ number: '+18005550100', tenantId: 'acme', orderId: 'ord_1' }]);
      assert.deepEqual(await statesOf(t.db, ['+18005550100', '+18005550101']), { '+18005550100': 'spare', '+18005550101': 'spare' });
      assert.deepEqual(await t.inventory.reservedFor(t.db.knex, 'ord_1'), [], 'the order no longer holds it');
      assert.deepEqual(await sweepEntries(t), [{ tenant: 'acme', action: 'numbers.reservation.expired', numbers: ['+18005550100'] }]);
    });

    it('goes spare, reserved, assigned, disconnected, and spare again only after aging', async () => {
      await t.inventory.addSpares(['+18005550100']);
      const reservation = { tenantId: 'acme', orderId: 'ord_add', until: t.inventory.daysFromNow(45) };
      assert.deepEqual(await t.inventory.reserveChosen(t.db.knex, reservation, ['+18005550100']), []);
      assert.deepEqual(await t.inventory.assignReserved(t.db.knex, 'ord_add'), ['+18005550100']);
      assert.deepEqual(await t.inventory.countHeld(t.db.knex, 'acme'), { reserved: 0, assigned: 1 });

      // Assigned numbers never lapse.
      clock.advanceDays(400);
      await t.sweeper.runOnce();
      assert.equal((await statesOf(t.db, ['+18005550100']))['+18005550100'], 'assigned');

      assert.deepEqual(await t.inventory.disconnect(t.db.knex, 'globex', 'ord_x', ['+18005550100'], t.inventory.daysFromNow(45)), [], 'only the tenant holding it disconnects it');
      assert.deepEqual(await t.inventory.disconnect(t.db.knex, 'acme', 'ord_remove', ['+18005550100'], t.inventory.daysFromNow(45)), ['+18005550100']);
      assert.deepEqual(await t.inventory.countHeld(t.db.knex, 'acme'), { reserved: 0, assigned: 0 });
      assert.deepEqual((await t.inventory.searchSpare('+1%', { limit: 10 })).items, [], 'an aging number is nobody\'s to take');

      clock.advanceDays(44);
      assert.deepEqual((await t.sweeper.runOnce()).aged, []);
      clock.advanceDays(1);
      assert.deepEqual((await t.sweeper.runOnce()).aged, [{ number: '+18005550100', tenantId: 'acme', orderId: 'ord_remove' }]);
      assert.deepEqual((await t.inventory.searchSpare('+1%', { limit: 10 })).items, ['+18005550100']);
      assert.deepEqual(await sweepEntries(t), [{ tenant: 'acme', action: 'numbers.aging.ended', numbers: ['+18005550100'] }]);
    });

    it('releases an order\'s reservations, and assigns only what is still reserved for it', async () => {
      await t.inventory.addSpares(['+18005550100', '+18005550101']);
      const until = t.inventory.daysFromNow(45);
      await t.inventory.reserveChosen(t.db.knex, { tenantId: 'acme', orderId: 'ord_1', until }, ['+18005550100', '+18005550101']);
      assert.deepEqual(await t.inventory.release(t.db.knex, 'ord_1'), ['+18005550100', '+18005550101']);
      assert.deepEqual(await t.inventory.assignReserved(t.db.knex, 'ord_1'), []);
      assert.deepEqual(await statesOf(t.db, ['+18005550100', '+18005550101']), { '+18005550100': 'spare', '+18005550101': 'spare' });
    });
  });
});
