import { badRequest, notFound, type FieldError, type PluginDispatcher } from '@switchboard/sdk';
import type { Tenancy } from '../server/tenancy.js';
import type { NumberInventory } from './inventory.js';
import type { NumberState } from './number-row.js';
import { DEFAULT_PAGE, numberSchemas as schemas } from './schemas.js';
import { readTollFreeNumber } from './toll-free-number.js';
import { vanityPattern } from './vanity-pattern.js';

interface PageQuery {
  after?: string;
  limit?: number;
}

const page = <T>({ items, next }: { items: T[]; next: string | null }) => ({ numbers: items, next });

/**
 * The number inventory's routes. Anyone with numbers.read searches the spare numbers and sees their
 * own tenants' numbers; the inventory itself (adding spare numbers, seeing every state) is for the
 * carrier's staff: every tenant's administrator holds numbers.write through `*:*`, and a customer
 * must never be able to mint numbers or see who holds which.
 */
export function registerNumberRoutes(dispatcher: PluginDispatcher, inventory: NumberInventory, tenancy: Tenancy): void {
  dispatcher.route<Record<string, string>, { pattern?: string } & PageQuery>({
    method: 'GET',
    path: '/spare-numbers',
    access: { entitlement: 'numbers.read' },
    schemas: { query: schemas.spareQuery, response: schemas.spareAnswer },
    handler: async ({ query }) => {
      let like = '+1%';
      if (query.pattern !== undefined) {
        const read = vanityPattern(query.pattern);
        if ('problem' in read) throw badRequest('The search pattern is not valid.', [{ field: 'query.pattern', message: read.problem }]);
        like = read.like;
      }
      return page(await inventory.searchSpare(like, { after: query.after, limit: query.limit ?? DEFAULT_PAGE }));
    },
  });

  dispatcher.route<Record<string, string>, { state?: NumberState; tenantId?: string } & PageQuery>({
    method: 'GET',
    path: '/numbers',
    access: { entitlement: 'numbers.read' },
    schemas: { query: schemas.heldQuery, response: schemas.numberPage },
    handler: async ({ query, identity, scope }) =>
      page(await inventory.listHeld(identity!, { scope, state: query.state, tenantId: query.tenantId, after: query.after, limit: query.limit ?? DEFAULT_PAGE })),
  });

  dispatcher.route<{ number: string }>({
    method: 'GET',
    path: '/numbers/:number',
    access: { entitlement: 'numbers.read', scope: { param: 'number' } },
    schemas: { params: schemas.numberParams, response: schemas.inventoryNumber },
    handler: async ({ params, identity }) => {
      const held = await inventory.getHeld(identity!, params.number);
      if (!held) throw notFound('No such number.');
      return held;
    },
  });

  dispatcher.route<Record<string, string>, { state?: NumberState } & PageQuery>({
    method: 'GET',
    path: '/inventory',
    access: { entitlement: 'numbers.write' },
    schemas: { query: schemas.inventoryQuery, response: schemas.numberPage },
    handler: async ({ query, identity }) => {
      await tenancy.requireCarrierStaff(identity!, 'see the whole number inventory');
      return page(await inventory.listAll({ state: query.state, after: query.after, limit: query.limit ?? DEFAULT_PAGE }));
    },
  });

  dispatcher.route<Record<string, string>, Record<string, unknown>, { numbers: string[] }>({
    method: 'POST',
    path: '/inventory',
    access: { entitlement: 'numbers.write' },
    schemas: { body: schemas.addBody, response: schemas.addAnswer },
    summary: 'add spare toll-free numbers',
    handler: async ({ body, identity }) => {
      await tenancy.requireCarrierStaff(identity!, 'add numbers to the inventory');
      const numbers: string[] = [];
      const problems: FieldError[] = [];
      body.numbers.forEach((text, index) => {
        const read = readTollFreeNumber(text);
        if ('problem' in read) problems.push({ field: `body.numbers[${index}]`, message: `"${text}" ${read.problem}` });
        else numbers.push(read.number);
      });
      if (problems.length) throw badRequest('Some numbers are not toll-free numbers; none were added.', problems);
      return inventory.addSpares(numbers);
    },
  });
}
