import type { SimulatorConfig } from '../server/config.js';
import { isKnownTimeZone } from './daily-profile.js';

const SETTING = 'plugins.settings.traffic.simulator';

/**
 * What the manifest's JSON schema cannot say about the simulator's settings, checked before the
 * plugin starts: each customer once, each number with one customer, destination ids unique across
 * all customers (the control API addresses a destination by its id alone), real time zones.
 * Returns the problems, each naming its setting; empty when the settings hold.
 */
export function simulatorSettingProblems(config: SimulatorConfig): string[] {
  const problems: string[] = [];
  const tenants = new Map<string, number>();
  const numbers = new Map<string, number>();
  const destinations = new Map<string, number>();
  config.customers.forEach((customer, c) => {
    const at = `${SETTING}.customers[${c}]`;
    const sameTenant = tenants.get(customer.tenantId);
    if (sameTenant !== undefined) problems.push(`${at}.tenantId: ${customer.tenantId} is already customers[${sameTenant}]; give each customer once`);
    else tenants.set(customer.tenantId, c);
    if (!isKnownTimeZone(customer.timeZone)) problems.push(`${at}.timeZone: ${customer.timeZone} is not an IANA time zone (such as America/Chicago)`);
    for (const number of customer.numbers) {
      const owner = numbers.get(number);
      if (owner !== undefined && owner !== c) problems.push(`${at}.numbers: ${number} is already a number of customers[${owner}]; a number has one owner`);
      else numbers.set(number, c);
    }
    customer.destinations.forEach((destination, d) => {
      const other = destinations.get(destination.id);
      if (other !== undefined) {
        problems.push(`${at}.destinations[${d}].id: ${destination.id} is already a destination of customers[${other}]; destination ids are unique across customers`);
      } else destinations.set(destination.id, c);
    });
  });
  return problems;
}
