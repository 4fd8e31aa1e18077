import assert from 'node:assert/strict';
import { systemClock } from '@switchboard/sdk';
import { createPluginStorage } from '@switchboard/host/dist/storage/index.js';
import { NumberInventory } from '../../src/numbers/inventory.js';
import { signedInUser, type Caller } from '../support/callers.js';
import { startOrdersHost } from '../support/orders-host.js';
import { forEachDatabase, seedTenant, seedUser, type TestHost } from '../support/switchboard.js';

const numbersOf = (body: { numbers: { number: string }[] }) => body.numbers.map((n) => n.number);

forEachDatabase((kind, open) => {
  describe(`orders: the number inventory's API, through a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let staff: Caller;
    let acmeAdmin: Caller;
    let acmeAnalyst: Caller;
    let globexAdmin: Caller;

    before(async () => {
      ({ host, cleanup } = await startOrdersHost(open));
      await seedTenant(host, 'acme', { plugins: ['orders'] });
      await seedTenant(host, 'globex', { plugins: ['orders'] });
      staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'administrator'));
      acmeAdmin = await signedInUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator'));
      acmeAnalyst = await signedInUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst'));
      globexAdmin = await signedInUser(host, await seedUser(host, 'globex', 'gus@globex.test', 'administrator'));
    });
    after(async () => {
      await cleanup?.();
    });

    it('lets carrier staff add spare numbers, as people write them, and nobody else', async () => {
      const added = await staff.post('/api/orders/inventory', { numbers: ['1-800-356-9377', '(888) 356-9377', '+18005550100', '800.555.0101', '844 555 0150'] });
      assert.equal(added.status, 200, added.text);
      assert.deepEqual(added.body, { added: ['+18003569377', '+18005550100', '+18005550101', '+18445550150', '+18883569377'], existing: [] });
      const again = await staff.post('/api/orders/inventory', { numbers: ['+18005550100', '+18775551234'] });
      assert.deepEqual(again.body, { added: ['+18775551234'], existing: ['+18005550100'] });

      const bad = await staff.post('/api/orders/inventory', { numbers: ['+18005550199', '312-555-0100', 'FLOWERS'] });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields.map((f: { field: string }) => f.field), ['body.numbers[1]', 'body.numbers[2]']);
      assert.match(bad.body.error.fields[0].message, /"312-555-0100" must start with a toll-free code/);
      const spare = await staff.get('/api/orders/spare-numbers?pattern=800-555-0199');
      assert.deepEqual(spare.body.numbers, [], 'a refused request adds none of its numbers');

      // A customer's administrator holds numbers.write through `*:*`, and still may not mint numbers.
      const customer = await acmeAdmin.post('/api/orders/inventory', { numbers: ['+18005550142'] });
      assert.equal(customer.status, 403);
      assert.equal(customer.body.error.code, 'carrier_only');
      assert.equal((await acmeAdmin.get('/api/orders/inventory')).body.error.code, 'carrier_only');
      const analyst = await acmeAnalyst.post('/api/orders/inventory', { numbers: ['+18005550142'] });
      assert.equal(analyst.status, 403, 'an analyst does not hold numbers.write');
      assert.equal(analyst.body.error.code, 'forbidden');
    });

    it('finds spare vanity numbers by pattern, a page at a time, and explains a bad pattern', async () => {
      const flowers = await acmeAnalyst.get(`/api/orders/spare-numbers?pattern=${encodeURIComponent('8??-FLOWERS')}`);
      assert.equal(flowers.status, 200, flowers.text);
      assert.deepEqual(flowers.body, { numbers: ['+18003569377', '+18883569377'], next: null });

      const first = await acmeAnalyst.get(`/api/orders/spare-numbers?pattern=${encodeURIComponent('8??-555-01??')}&limit=2`);
      assert.deepEqual(first.body, { numbers: ['+18005550100', '+18005550101'], next: '+18005550101' });
      const second = await acmeAnalyst.get(`/api/orders/spare-numbers?pattern=${encodeURIComponent('8??-555-01??')}&limit=2&after=${encodeURIComponent(first.body.next)}`);
      assert.deepEqual(second.body, { numbers: ['+18445550150'], next: null });

      const bad = await acmeAnalyst.get('/api/orders/spare-numbers?pattern=800-FLOWER');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields, [
        { field: 'query.pattern', message: 'must stand for all 10 digits of a number (it stands for 9), such as 800-FLOWERS or 8??-555-01??; use * for any run of digits' },
      ]);
    });

    it('shows a customer its own numbers, and another tenant\'s exactly as one that does not exist', async () => {
      // Numbers reserved and assigned as orders do it (the orders' own API comes in their tests).
      const inventory = new NumberInventory(createPluginStorage(host.db, 'orders'), systemClock);
      const until = inventory.daysFromNow(45);
      await inventory.reserveChosen(host.db.knex, { tenantId: 'acme', orderId: 'ord_acme', until }, ['+18005550100', '+18005550101']);
      await inventory.assignReserved(host.db.knex, 'ord_acme');
      await inventory.reserveChosen(host.db.knex, { tenantId: 'acme', orderId: 'ord_acme_2', until }, ['+18003569377']);
      await inventory.reserveChosen(host.db.knex, { tenantId: 'globex', orderId: 'ord_globex', until }, ['+18445550150']);
      await inventory.assignReserved(host.db.knex, 'ord_globex');

      const mine = await acmeAnalyst.get('/api/orders/numbers');
      assert.equal(mine.status, 200, mine.text);
      assert.deepEqual(mine.body.numbers.map((n: { number: string; state: string }) => `${n.number} ${n.state}`), ['+18003569377 reserved', '+18005550100 assigned', '+18005550101 assigned']);
      assert.equal(mine.body.numbers[0].reservedUntil, until);
      assert.deepEqual(numbersOf((await acmeAnalyst.get('/api/orders/numbers?state=assigned')).body), ['+18005550100', '+18005550101']);
      assert.deepEqual(numbersOf((await globexAdmin.get('/api/orders/numbers')).body), ['+18445550150']);

      const own = await acmeAnalyst.get('/api/orders/numbers/+18005550100');
      assert.equal(own.status, 200);
      assert.equal(own.body.tenantId, 'acme');
      const others = await acmeAnalyst.get('/api/orders/numbers/+18445550150');
      const nowhere = await acmeAnalyst.get('/api/orders/numbers/+18445550999');
      assert.equal(others.status, 404);
      assert.deepEqual({ ...others.body.error, requestId: undefined }, { ...nowhere.body.error, requestId: undefined });
      // A spare number is nobody's: looking it up by number is no way to probe the inventory.
      assert.equal((await acmeAnalyst.get('/api/orders/numbers/+18775551234')).status, 404);

      const all = await staff.get('/api/orders/inventory');
      assert.deepEqual(all.body.numbers.map((n: { number: string; state: string; tenantId: string | null }) => `${n.number} ${n.state} ${n.tenantId}`), [
        '+18003569377 reserved acme',
        '+18005550100 assigned acme',
        '+18005550101 assigned acme',
        '+18445550150 assigned globex',
        '+18775551234 spare null',
        '+18883569377 spare null',
      ]);
      assert.deepEqual(numbersOf((await staff.get('/api/orders/inventory?state=spare')).body), ['+18775551234', '+18883569377']);
    });
  });
});
