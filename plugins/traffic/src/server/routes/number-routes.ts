import { forbidden, unprocessable, type Identity, type PluginDispatcher } from '@switchboard/sdk';
import type { NumberRegistry } from '../number-registry.js';
import { QueryInput } from '../query-input.js';
import { schemas } from '../schemas.js';

/** Whether the caller is the carrier's staff; only they may say who owns a number. */
export type CarrierCheck = (identity: Identity) => Promise<boolean>;

/**
 * The number inventory the ingest attributes calls by. Reading is tenant-filtered (a customer's
 * analyst sees the customer's numbers). Writing needs numbers.write and the carrier's tenant: the
 * administrator role of every tenant holds numbers.write (`*:*`), and a customer must never be
 * able to claim a number, and with it another customer's traffic.
 */
export function registerNumberRoutes(dispatcher: PluginDispatcher, numbers: NumberRegistry, isCarrierStaff: CarrierCheck): void {
  dispatcher.route<{ number: string }, Record<string, unknown>, { tenantId: string }>({
    method: 'PUT',
    path: '/numbers/:number',
    access: { entitlement: 'numbers.write' },
    schemas: { params: schemas.numberParams, body: schemas.numberBody, response: schemas.numberOwner },
    summary: 'assign a number to a customer',
    handler: async ({ params, body, identity }) => {
      const input = new QueryInput();
      const number = input.phoneNumber(params.number, 'params.number');
      input.check();
      if (!(await isCarrierStaff(identity!))) {
        throw forbidden("Only the carrier's staff assign numbers to customers.", 'carrier_only');
      }
      // Every tenant is in the carrier's subtree, so this refuses exactly the ids that do not exist.
      if (!identity!.tenants.includes(body.tenantId)) {
        throw unprocessable('There is no such tenant.', [{ field: 'body.tenantId', message: 'is not a tenant' }], 'unknown_tenant');
      }
      return numbers.assign(number!, body.tenantId);
    },
  });

  dispatcher.route<Record<string, string>, { tenantId?: string; limit?: number }>({
    method: 'GET',
    path: '/numbers',
    access: { entitlement: 'numbers.read' },
    schemas: { query: schemas.numbersQuery, response: schemas.numbers },
    handler: async ({ query, identity, scope }) => ({ numbers: await numbers.list(identity!, { scope, tenantId: query.tenantId, limit: query.limit ?? 1000 }) }),
  });
}
