import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { networkElement, signedInUser, type Caller } from './callers.js';
import { seedTenant, seedUser, type TestHost } from './switchboard.js';

/** Number A and number B of acme, and globex's number. */
export const A = '+18005550100';
export const B = '+18005550101';
export const GLOBEX_NUMBER = '+18885550123';

/** The people and equipment the API tests act as. */
export interface World {
  /** acme's administrator: everything, on every number. */
  admin: Caller;
  /** A network manager of acme whose grant names number A only. */
  scopedManager: Caller;
  /** Edits acme's plans but may not activate them (a role of plans.read and plans.write). */
  editor: Caller;
  /** Reads only. */
  analyst: Caller;
  globexAdmin: Caller;
  /** The carrier's SIP proxy: a network element of the tenant above every customer. */
  proxy: Caller;
  /** acme's own SBC, a network element of acme. */
  acmeSbc: Caller;
}

export async function seedWorld(host: TestHost): Promise<World> {
  await seedTenant(host, 'acme', { plugins: ['traffic', 'toll-free'] });
  await seedTenant(host, 'globex', { plugins: ['traffic', 'toll-free'] });
  const editorRole = await host.identity.directory.createRole(OPERATOR, { tenantId: 'acme', name: 'Plan editor', entitlements: ['toll-free:plans.read', 'toll-free:plans.write'] });
  return {
    admin: await signedInUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator')),
    scopedManager: await signedInUser(host, await seedUser(host, 'acme', 'nina@acme.test', 'network-manager', [A])),
    editor: await signedInUser(host, await seedUser(host, 'acme', 'ed@acme.test', editorRole.id)),
    analyst: await signedInUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst')),
    globexAdmin: await signedInUser(host, await seedUser(host, 'globex', 'gus@globex.test', 'administrator')),
    proxy: await networkElement(host, 'carrier', 'Core SIP proxy'),
    acmeSbc: await networkElement(host, 'acme', 'Acme SBC'),
  };
}
