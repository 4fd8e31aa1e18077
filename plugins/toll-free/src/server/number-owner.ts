import { forbidden, unprocessable, type Identity, type ResourceScope } from '@switchboard/sdk';
import type { Customers } from './customers.js';
import { coversNumbers } from './plan-access.js';

/**
 * The customer whose numbers a request names (a new plan's, a re-route's): every number must be
 * one of the toll-free numbers of one tenant the caller may see, and the caller's grant must cover
 * each. A number of another tenant is refused exactly like one nobody has.
 */
export async function tenantOfNumbers(customers: Customers, identity: Identity, scope: ResourceScope, numbers: readonly string[]): Promise<string> {
  const owners = await Promise.all(numbers.map(async (number) => customers.ownerOf(number)));
  const unknown = numbers.flatMap((number, i) => (owners[i] && identity.tenants.includes(owners[i]) ? [] : [{ field: `body.numbers[${i}]`, message: `${number} is not one of your toll-free numbers` }]));
  if (unknown.length) throw unprocessable('Name only your own toll-free numbers.', unknown, 'unknown_number');
  const tenants = new Set(owners);
  if (tenants.size > 1) throw unprocessable('Name the numbers of one customer at a time.', [{ field: 'body.numbers', message: `these numbers belong to ${tenants.size} customers` }], 'numbers_of_several_customers');
  if (!coversNumbers(scope, numbers)) throw forbidden('Your grant does not cover every one of these numbers.', 'forbidden_resource');
  return owners[0]!;
}
