import { badRequest, forbidden, notFound, reply, scopeOf, unprocessable, type PluginDispatcher } from '@switchboard/sdk';
import type { Destination } from '../../plan/model.js';
import { validatePlan } from '../../plan/validate/validate-plan.js';
import { auditChange } from '../audit-change.js';
import { tenantOfNumbers } from '../number-owner.js';
import { actorOf, coversNumbers } from '../plan-access.js';
import type { RouteDeps } from '../route-deps.js';
import { rerouteSchemas } from './schemas.js';

/** The longest an emergency re-route may stand before someone decides again: a week. */
export const MAX_REROUTE_MS = 7 * 86_400_000;

/**
 * Emergency re-route: all calls to the chosen numbers go to one destination now, whatever their
 * plans say, until the re-route expires or is undone; undoing it (or its expiry) gives the numbers
 * back to the plans active then, which the re-route never touched. plans.activate, scoped to
 * numbers; every re-route and undo is audited with its numbers and destination.
 */
export function registerRerouteRoutes(dispatcher: PluginDispatcher, deps: RouteDeps): void {
  const { reroutes, customers, changes, clock } = deps;

  dispatcher.route<Record<string, string>, Record<string, unknown>, { numbers: string[]; destination: Destination; expiresAt: string; reason?: string }>({
    method: 'POST',
    path: '/reroutes',
    access: { entitlement: 'plans.activate' },
    schemas: { body: rerouteSchemas.createBody, response: rerouteSchemas.reroute },
    summary: 'emergency re-route',
    handler: async (request) => {
      const { body, identity, scope } = request;
      const tenantId = await tenantOfNumbers(customers, identity!, scope, body.numbers);
      const now = clock.now().getTime();
      const expires = Date.parse(body.expiresAt);
      if (expires <= now) throw badRequest('A re-route must last a while.', [{ field: 'body.expiresAt', message: `${body.expiresAt} has passed` }]);
      if (expires - now > MAX_REROUTE_MS) throw badRequest('A re-route may last a week at most.', [{ field: 'body.expiresAt', message: 'is more than 7 days ahead' }]);
      // The destination is checked as a plan's route to it would be: well formed, and the customer's own.
      const problems = validatePlan({ root: { id: 'emergency', type: 'route', destination: body.destination } }, { owned: customers.owned(tenantId) }).filter((problem) => problem.severity === 'error');
      if (problems.length) throw unprocessable('Choose a destination of your own.', problems.map((problem) => ({ field: 'body.destination', message: problem.message })), 'destination_invalid');
      const reroute = await reroutes.create(actorOf(identity!), { tenantId, numbers: body.numbers, destination: body.destination, expiresAt: new Date(expires).toISOString(), reason: body.reason ?? null });
      await changes.changed({ tenantId, why: 'rerouted', rerouteId: reroute.id });
      await auditChange(deps.audit, request, { action: 'reroute.create', tenantId, resource: reroute.id, outcome: 201, details: { numbers: reroute.numbers, destination: reroute.destination, expiresAt: reroute.expiresAt, reason: reroute.reason } });
      return reply(201, reroute);
    },
  });

  dispatcher.route({
    method: 'GET',
    path: '/reroutes',
    access: { entitlement: 'plans.read' },
    schemas: { response: rerouteSchemas.reroutes },
    handler: async ({ identity, scope }) => ({ reroutes: (await reroutes.inForce(identity!)).filter((reroute) => coversNumbers(scope, reroute.numbers)) }),
  });

  dispatcher.route<{ rerouteId: string }>({
    method: 'DELETE',
    path: '/reroutes/:rerouteId',
    access: { entitlement: 'plans.activate' },
    schemas: { params: rerouteSchemas.rerouteParams, response: rerouteSchemas.reroute },
    summary: 'undo an emergency re-route',
    handler: async (request) => {
      const { params, identity, scope } = request;
      const found = await reroutes.get(actorOf(identity!), params.rerouteId);
      if (!found || !coversNumbers(scopeOf(identity!, 'toll-free:plans.read'), found.numbers)) throw notFound('No such re-route.');
      if (!coversNumbers(scope, found.numbers)) throw forbidden('Your grant does not cover every number of this re-route.', 'forbidden_resource');
      const reroute = await reroutes.end(actorOf(identity!), found.id);
      await changes.changed({ tenantId: reroute.tenantId, why: 'reroute-undone', rerouteId: reroute.id });
      await auditChange(deps.audit, request, { action: 'reroute.undo', tenantId: reroute.tenantId, resource: reroute.id, outcome: 200, details: { numbers: reroute.numbers, destination: reroute.destination } });
      return reroute;
    },
  });
}
