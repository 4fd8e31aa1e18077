import assert from 'node:assert/strict';
import type { Identity } from '@switchboard/sdk';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { createPluginStorage } from '@switchboard/host/dist/storage/index.js';

const caller = (tenants: string[]): Identity => ({ kind: 'fixture', subject: 'tester', tenantId: tenants[0] ?? 'none', tenants, grants: {} });

describe('plugin storage', () => {
  forEachDatabase((kind, open) => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await open();
      await t.db.knex.schema.createTable('toll_free_plans', (table) => {
        table.string('id').primary();
        table.string('tenant_id').notNullable();
        table.string('name').notNullable();
      });
      await t.db.knex.schema.createTable('toll_free_numbers', (table) => {
        table.string('number').primary();
        table.string('plan_id').notNullable();
        table.string('tenant_id').notNullable();
      });
    });
    afterEach(() => t.cleanup());

    it("names the plugin's tables with its prefix", () => {
      const storage = createPluginStorage(t.db, 'toll-free');
      assert.equal(storage.prefix, 'toll_free_');
      assert.equal(storage.table('plans'), 'toll_free_plans');
      assert.equal(storage.dialect, kind);
    });

    it("reads and writes the plugin's own tables through from()", async () => {
      const storage = createPluginStorage(t.db, 'toll-free');
      await storage.from('plans').insert({ id: 'p1', tenant_id: 'acme', name: 'Weekdays' });
      assert.deepEqual(await t.db.knex('toll_free_plans').select('id', 'name'), [{ id: 'p1', name: 'Weekdays' }]);
      assert.deepEqual(await storage.from('plans').select('name'), [{ name: 'Weekdays' }]);
    });

    it("shows a caller only the rows of its tenant subtree, even across a join", async () => {
      const storage = createPluginStorage(t.db, 'toll-free');
      await storage.from('plans').insert([
        { id: 'p-acme', tenant_id: 'acme', name: 'Acme plan' },
        { id: 'p-acme-east', tenant_id: 'acme-east', name: 'Acme East plan' },
        { id: 'p-globex', tenant_id: 'globex', name: 'Globex plan' },
      ]);
      await storage.from('numbers').insert([
        { number: '8005550100', plan_id: 'p-acme', tenant_id: 'acme' },
        { number: '8005550199', plan_id: 'p-globex', tenant_id: 'globex' },
      ]);

      const acme = caller(['acme', 'acme-east']);
      const plans = await storage.forTenant('plans', acme).select('id').orderBy('id');
      assert.deepEqual(plans.map((row: { id: string }) => row.id), ['p-acme', 'p-acme-east']);

      // Both tables have tenant_id: the filter must say which one it means.
      const joined = await storage
        .forTenant('numbers', acme)
        .join(storage.table('plans'), `${storage.table('plans')}.id`, `${storage.table('numbers')}.plan_id`)
        .select(`${storage.table('numbers')}.number`, `${storage.table('plans')}.name`);
      assert.deepEqual(joined, [{ number: '8005550100', name: 'Acme plan' }]);

      assert.deepEqual(await storage.forTenant('plans', caller(['globex'])).where({ id: 'p-acme' }), [], "another tenant's id finds nothing");
      assert.deepEqual(await storage.forTenant('plans', caller([])).select('id'), [], 'a caller without tenants sees nothing');
    });
  });
});
