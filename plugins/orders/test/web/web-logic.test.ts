import assert from 'node:assert/strict';
// The pages' pure logic, module by module: the page modules define custom elements and need a DOM.
import type { CatalogueEntry, DirectoryUser, Explanation } from '../../src/web/api.js';
import { describeAction, localDayStart } from '../../src/web/audit-words.js';
import { entitlementMatrix } from '../../src/web/entitlement-matrix.js';
import { describeItem, describeScope, formatNumber } from '../../src/web/format.js';
import { orderLines } from '../../src/web/order-lines.js';

const numbersService = (subscribed: boolean): CatalogueEntry => ({
  service: 'toll-free:numbers',
  plugin: 'toll-free',
  pluginTitle: 'Toll-free',
  id: 'numbers',
  title: 'Toll-free service',
  description: '',
  orderable: true,
  quantities: 'numbers',
  subscribed,
  available: true,
  numbers: { reserved: 0, assigned: 0 },
});

const user = (id: string, name: string): DirectoryUser => ({ id, tenantId: 'acme', login: `${id}@acme.test`, name, email: `${id}@acme.test`, status: 'active' });

describe('orders pages: their logic', () => {
  describe('the lines of an order', () => {
    it('puts picked and given-up numbers on one change of the numbers service', () => {
      assert.deepEqual(orderLines({ numbersService: numbersService(true), picked: ['+18773569377'], removing: ['+18005550100'], subscribe: [], drop: [] }), [
        { action: 'change', service: 'toll-free:numbers', numbers: { pick: ['+18773569377'] }, removeNumbers: ['+18005550100'] },
      ]);
    });

    it('subscribes to the numbers service with the numbers picked when the account has not got it', () => {
      assert.deepEqual(orderLines({ numbersService: numbersService(false), picked: ['+18773569377'], removing: [], subscribe: ['toll-free:numbers', 'traffic:monitor'], drop: [] }), [
        { action: 'add', service: 'toll-free:numbers', numbers: { pick: ['+18773569377'] } },
        { action: 'add', service: 'traffic:monitor' },
      ]);
      assert.deepEqual(orderLines({ numbersService: numbersService(false), picked: ['+18773569377'], removing: [], subscribe: [], drop: [] }), [
        { action: 'add', service: 'toll-free:numbers', numbers: { pick: ['+18773569377'] } },
      ]);
    });

    it('drops services on their own lines, and leaves the numbers service alone when no number is chosen', () => {
      assert.deepEqual(orderLines({ numbersService: numbersService(true), picked: [], removing: [], subscribe: [], drop: ['traffic:monitor'] }), [{ action: 'remove', service: 'traffic:monitor' }]);
    });
  });

  it('builds the entitlement matrix from the holders\' explanations: a column per entitlement someone holds', () => {
    const explanation = (id: string, entitlements: Explanation['entitlements'], active = true): Explanation => ({
      subject: { kind: 'user', id },
      tenantId: 'acme',
      active,
      subscriptions: ['host', 'orders', 'toll-free'],
      entitlements,
      ineffective: [],
    });
    const routing = { grantId: 'g2', roleId: 'r1', roleName: 'Toll-free routing', pattern: 'toll-free:plans.*', scope: ['+18005550100'] };
    const matrix = entitlementMatrix(
      [user('ann', 'Ann'), user('rita', 'Rita'), user('vic', 'Vic')],
      new Map([
        ['ann', explanation('ann', ['host:users.write', 'orders:orders.write'].map((entitlement) => ({ entitlement, scope: '*' as const, sources: [{ grantId: 'g1', roleId: 'administrator', roleName: 'Administrator', pattern: '*:*', scope: '*' as const }] })))],
        ['rita', explanation('rita', [{ entitlement: 'toll-free:plans.write', scope: ['+18005550100'], sources: [routing] }])],
      ]),
    );
    assert.deepEqual(matrix.columns, ['orders:orders.write', 'toll-free:plans.write', 'host:users.write'], "the services' own first, the directory's last");
    assert.deepEqual(matrix.rows.map((row) => [row.user.name, row.active, row.cells.map((cell) => cell && cell.scope)]), [
      ['Ann', true, ['*', null, '*']],
      ['Rita', true, [null, ['+18005550100'], null]],
      ['Vic', false, [null, null, null]], // no explanation: can do nothing
    ]);
    assert.deepEqual(matrix.rows[1]!.cells[1]!.sources, [routing]);
  });

  it('writes numbers, scopes and order lines as people read them', () => {
    assert.equal(formatNumber('+18773569377'), '1-877-356-9377');
    assert.equal(formatNumber('sip:desk@acme.test'), 'sip:desk@acme.test');
    assert.equal(describeScope('*'), 'all resources');
    assert.equal(describeScope(['+18005550100']), 'only 1-800-555-0100');
    assert.equal(describeScope(['+18005550100', '+18005550101', '+18005550102', '+18005550103']), 'only 1-800-555-0100, 1-800-555-0101, 1-800-555-0102 and 1 more');
    assert.equal(describeItem({ action: 'change', service: 'toll-free:numbers', plugin: 'toll-free', reserved: ['a', 'b'], disconnect: ['c'] }), 'toll-free:numbers: 2 numbers to add, 1 to remove');
    assert.equal(describeItem({ action: 'remove', service: 'traffic:monitor', plugin: 'traffic', reserved: [], disconnect: [] }, () => 'Traffic monitor'), 'Drop Traffic monitor');
  });

  it('says what an audit entry did, from the route\'s summary or the plugin\'s verb', () => {
    assert.equal(describeAction({ action: 'POST /api/orders/orders/:id/status', details: { summary: 'move an order on in fulfilment' } }), 'Move an order on in fulfilment');
    assert.equal(describeAction({ action: 'order.in_provisioning', details: { from: 'accepted', to: 'in_provisioning' } }), 'Order in provisioning (was accepted)');
    assert.equal(describeAction({ action: 'directory.user.status', details: { from: 'active', to: 'disabled' } }), 'User status changed (active → disabled)');
    assert.equal(describeAction({ action: 'directory.grant.create' }), 'Role given');
    assert.equal(describeAction({ action: 'billing.invoice.sent' }), 'billing.invoice.sent', 'a verb it does not know, as recorded');
    assert.equal(localDayStart('2026-03-02'), new Date(2026, 2, 2).toISOString());
    assert.equal(localDayStart('2026-03-02', 1), new Date(2026, 2, 3).toISOString());
    assert.equal(localDayStart(''), undefined);
  });
});
