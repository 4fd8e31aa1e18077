import type { SimulatedCustomerConfig } from '../server/config.js';
import { SimulatedDestination } from './simulated-destination.js';

/**
 * One simulated customer: its rate (changeable while running), its destinations and the dialed
 * numbers calls go to. Numbers are live only once they are assigned to the customer's tenant:
 * until the tenant exists (demo tenants are seeded after the host starts) the customer gets no calls.
 */
export class SimulatedCustomer {
  readonly tenantId: string;
  readonly timeZone: string;
  readonly configuredNumbers: readonly string[];
  readonly destinations: ReadonlyMap<string, SimulatedDestination>;
  callsPerMinute: number;
  /** The configured numbers the tenant owns; empty until the tenant exists and they are assigned. */
  liveNumbers: string[] = [];
  /** Whether the tenant and its numbers must be checked (again) before calls go to it. */
  needsNumbers = true;

  constructor(config: SimulatedCustomerConfig) {
    this.tenantId = config.tenantId;
    this.timeZone = config.timeZone;
    this.configuredNumbers = config.numbers;
    this.callsPerMinute = config.callsPerMinute;
    this.destinations = new Map(config.destinations.map((destination) => [destination.id, new SimulatedDestination(destination)]));
  }
}
