import { ApiError, notFound, type Identity } from '@switchboard/sdk';
import { profileFactor } from './daily-profile.js';
import type { SimulatedCustomer } from './simulated-customer.js';
import type { SimulatedDestination } from './simulated-destination.js';
import type { Simulator } from './simulator.js';

/** One destination as GET /simulator shows it. */
export interface DestinationView {
  id: string;
  name: string;
  callCenter: boolean;
  agents: number;
  handleSeconds: number;
  up: boolean;
  /** Agents on a call now. */
  busyAgents: number;
}

/** One customer as GET /simulator shows it. */
export interface CustomerView {
  tenantId: string;
  /** The rate at the daily peak. */
  callsPerMinute: number;
  /** The share of that rate the daily profile gives now, in the customer's zone. */
  profileFactor: number;
  destinations: DestinationView[];
}

export interface SimulatorView {
  running: boolean;
  tickMilliseconds: number;
  customers: CustomerView[];
}

/** The answer when this host runs no simulator: every control route, whatever the caller. */
export const simulatorOff = () =>
  new ApiError(404, 'simulator_off', 'The network simulator is off on this host (plugins.settings.traffic.simulator.enabled is false).');

export function destinationView(destination: SimulatedDestination, now: Date): DestinationView {
  return {
    id: destination.id,
    name: destination.name,
    callCenter: destination.callCenter,
    agents: destination.agents,
    handleSeconds: destination.handleSeconds,
    up: destination.up,
    busyAgents: destination.busyAgents(now.getTime()),
  };
}

export function customerView(customer: SimulatedCustomer, now: Date): CustomerView {
  return {
    tenantId: customer.tenantId,
    callsPerMinute: customer.callsPerMinute,
    profileFactor: Math.round(profileFactor(now, customer.timeZone) * 1000) / 1000,
    destinations: [...customer.destinations.values()].map((destination) => destinationView(destination, now)),
  };
}

/** The simulated customers among the caller's tenants: nobody sees or steers another tenant's traffic. */
export function visibleCustomers(simulator: Simulator, identity: Identity): SimulatedCustomer[] {
  return simulator.customers.filter((customer) => identity.tenants.includes(customer.tenantId));
}

export function simulatorView(simulator: Simulator, identity: Identity, now: Date): SimulatorView {
  return {
    running: simulator.running,
    tickMilliseconds: simulator.tickMilliseconds,
    customers: visibleCustomers(simulator, identity).map((customer) => customerView(customer, now)),
  };
}

/** A simulated customer of the caller's; another tenant's is answered exactly like one that is not simulated. */
export function findCustomer(simulator: Simulator, identity: Identity, tenantId: string): SimulatedCustomer {
  const customer = visibleCustomers(simulator, identity).find((candidate) => candidate.tenantId === tenantId);
  if (!customer) throw notFound('No simulated customer with this tenant id.');
  return customer;
}

/** A destination of one of the caller's simulated customers (ids are unique across customers). */
export function findDestination(simulator: Simulator, identity: Identity, destinationId: string): { customer: SimulatedCustomer; destination: SimulatedDestination } {
  for (const customer of visibleCustomers(simulator, identity)) {
    const destination = customer.destinations.get(destinationId);
    if (destination) return { customer, destination };
  }
  throw notFound('No simulated destination with this id.');
}
