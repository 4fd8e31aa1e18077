import type { Clock, PluginDispatcher } from '@switchboard/sdk';
import { controlSchemas } from '../../simulator/control-schemas.js';
import { customerView, destinationView, findCustomer, findDestination, simulatorOff, simulatorView } from '../../simulator/simulator-control.js';
import type { Simulator } from '../../simulator/simulator.js';

/**
 * Steering the embedded network simulator, for the monitor page and demos: see the caller's
 * simulated customers, change a customer's rate, take a destination down or change its agents.
 * Each route needs simulator.write and sees only the caller's tenants (another tenant's customer or
 * destination is a 404 like a missing one); with the simulator off every route is 404
 * `simulator_off`. Changes take effect on the next tick and are audited by the dispatcher.
 */
export function registerSimulatorRoutes(dispatcher: PluginDispatcher, simulator: Simulator | null, clock: Clock): void {
  const running = (): Simulator => {
    if (!simulator) throw simulatorOff();
    return simulator;
  };

  dispatcher.route({
    method: 'GET',
    path: '/simulator',
    access: { entitlement: 'simulator.write' },
    schemas: { response: controlSchemas.simulator },
    handler: ({ identity }) => simulatorView(running(), identity!, clock.now()),
  });

  dispatcher.route<{ tenantId: string }, Record<string, unknown>, { callsPerMinute: number }>({
    method: 'PATCH',
    path: '/simulator/customers/:tenantId',
    access: { entitlement: 'simulator.write' },
    schemas: { params: controlSchemas.customerParams, body: controlSchemas.customerBody, response: controlSchemas.customer },
    summary: 'change the call rate of a simulated customer',
    handler: ({ params, body, identity }) => {
      const customer = findCustomer(running(), identity!, params.tenantId);
      customer.callsPerMinute = body.callsPerMinute;
      return customerView(customer, clock.now());
    },
  });

  dispatcher.route<{ destinationId: string }, Record<string, unknown>, { up?: boolean; agents?: number }>({
    method: 'PATCH',
    path: '/simulator/destinations/:destinationId',
    access: { entitlement: 'simulator.write' },
    schemas: { params: controlSchemas.destinationParams, body: controlSchemas.destinationBody, response: controlSchemas.tenantDestination },
    summary: 'take a simulated destination up or down, or change its agents',
    handler: ({ params, body, identity }) => {
      const { customer, destination } = findDestination(running(), identity!, params.destinationId);
      if (body.up !== undefined) destination.up = body.up;
      if (body.agents !== undefined) destination.agents = body.agents;
      return { tenantId: customer.tenantId, ...destinationView(destination, clock.now()) };
    },
  });
}
