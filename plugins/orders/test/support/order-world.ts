import type { BusEvent } from '@switchboard/sdk';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { signedInUser, type Caller } from './callers.js';
import { seedTenant, seedUser, type TestHost } from './switchboard.js';

/** The spare numbers every order test starts with. */
export const SPARE_NUMBERS = ['+18005550100', '+18005550101', '+18005550102', '+18005550103', '+18445550150', '+18665550160', '+18883569377'];

/**
 * Tenants, staff and customers for the order tests:
 * - carrier: `staff` (fulfilment, orders, tenants read and write), `clerk` (fulfilment and
 *   tenants read, but not tenants write: cannot change subscriptions), `carrierAnalyst`;
 * - acme and globex, customers of the carrier; acme has freephone;
 * - resellers northwind (freephone, no centres) with its customer initech, and contoso with fabrikam.
 * Every event the plugin publishes is collected in `events`.
 */
export async function orderWorld(host: TestHost) {
  const { directory } = host.identity;
  await seedTenant(host, 'acme', { plugins: ['orders', 'freephone'] });
  await seedTenant(host, 'globex', { plugins: ['orders'] });
  await seedTenant(host, 'northwind', { kind: 'reseller', plugins: ['orders', 'freephone'] });
  await seedTenant(host, 'initech', { parentId: 'northwind', plugins: ['orders'] });
  await seedTenant(host, 'contoso', { kind: 'reseller', plugins: ['orders', 'freephone'] });
  await seedTenant(host, 'fabrikam', { parentId: 'contoso', plugins: ['orders'] });

  const fulfilment = await directory.createRole(OPERATOR, {
    tenantId: 'carrier',
    name: 'Fulfilment',
    entitlements: ['orders:fulfilment.write', 'orders:orders.read', 'orders:numbers.*', 'host:tenants.read', 'host:tenants.write'],
  });
  const clerkRole = await directory.createRole(OPERATOR, {
    tenantId: 'carrier',
    name: 'Fulfilment clerk',
    entitlements: ['orders:fulfilment.write', 'orders:orders.read', 'host:tenants.read'],
  });

  const events: BusEvent[] = [];
  await host.bus.subscribe('orders.>', (event) => {
    events.push(event);
  });

  const world = {
    events,
    staff: await signedInUser(host, await seedUser(host, 'carrier', 'fulfil@carrier.test', fulfilment.id)),
    clerk: await signedInUser(host, await seedUser(host, 'carrier', 'clerk@carrier.test', clerkRole.id)),
    carrierAnalyst: await signedInUser(host, await seedUser(host, 'carrier', 'ana@carrier.test', 'analyst')),
    acmeAdmin: await signedInUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator')),
    acmeAnalyst: await signedInUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst')),
    globexAdmin: await signedInUser(host, await seedUser(host, 'globex', 'admin@globex.test', 'administrator')),
    northwindAdmin: await signedInUser(host, await seedUser(host, 'northwind', 'admin@northwind.test', 'administrator')),
    initechAdmin: await signedInUser(host, await seedUser(host, 'initech', 'admin@initech.test', 'administrator')),
    contosoAdmin: await signedInUser(host, await seedUser(host, 'contoso', 'admin@contoso.test', 'administrator')),
    fabrikamAdmin: await signedInUser(host, await seedUser(host, 'fabrikam', 'admin@fabrikam.test', 'administrator')),
  } satisfies Record<string, Caller | BusEvent[]>;
  const added = await world.staff.post('/api/orders/inventory', { numbers: SPARE_NUMBERS });
  if (added.status !== 200) throw new Error(`the inventory could not be filled: ${added.text}`);
  return world;
}

export type OrderWorld = Awaited<ReturnType<typeof orderWorld>>;
