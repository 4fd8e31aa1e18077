import { notFound, reply, type PluginDispatcher } from '@switchboard/sdk';
import { diffPlans } from '../../plan/diff/plan-diff.js';
import type { RoutingPlan } from '../../plan/model.js';
import { validatePlan } from '../../plan/validate/validate-plan.js';
import { auditChange } from '../audit-change.js';
import { tenantOfNumbers } from '../number-owner.js';
import { actorOf, coversNumbers, planInScope } from '../plan-access.js';
import type { RouteDeps } from '../route-deps.js';
import { planSchemas } from './schemas.js';

/**
 * Routing plans: list, read with versions, create, edit the draft, validate, diff. Every route
 * acts within the caller's tenants and the numbers their grant names (planInScope). Saving answers
 * the draft's problems, so the editor can show each on its node; a draft with errors is kept.
 */
export function registerPlanRoutes(dispatcher: PluginDispatcher, deps: RouteDeps): void {
  const { plans, customers } = deps;
  const problemsOf = (plan: RoutingPlan, tenantId: string) => validatePlan(plan, { owned: customers.owned(tenantId) });

  dispatcher.route({
    method: 'GET',
    path: '/plans',
    access: { entitlement: 'plans.read' },
    schemas: { response: planSchemas.plans },
    handler: async ({ identity, scope }) => ({ plans: (await plans.list(identity!)).filter((plan) => coversNumbers(scope, plan.numbers)) }),
  });

  dispatcher.route<Record<string, string>, Record<string, unknown>, { name: string; numbers: string[]; plan: RoutingPlan }>({
    method: 'POST',
    path: '/plans',
    access: { entitlement: 'plans.write' },
    schemas: { body: planSchemas.createBody, response: planSchemas.planAndVersion },
    summary: 'create a routing plan',
    handler: async (request) => {
      const { body, identity, scope } = request;
      const tenantId = await tenantOfNumbers(customers, identity!, scope, body.numbers);
      const plan = await plans.create(actorOf(identity!), { tenantId, name: body.name, plan: body.plan, numbers: body.numbers });
      const [version] = await plans.versions(actorOf(identity!), plan.id);
      await auditChange(deps.audit, request, { action: 'plan.create', tenantId, resource: plan.id, outcome: 201, details: { name: plan.name, numbers: plan.numbers, version: 1 } });
      return reply(201, { plan, version: version!, problems: problemsOf(body.plan, tenantId) });
    },
  });

  dispatcher.route<{ planId: string }>({
    method: 'GET',
    path: '/plans/:planId',
    access: { entitlement: 'plans.read' },
    schemas: { params: planSchemas.planParams, response: planSchemas.planWithVersions },
    handler: async ({ params, identity, scope }) => {
      const plan = await planInScope(plans, identity!, scope, params.planId);
      const versions = await plans.versions(actorOf(identity!), plan.id);
      // Problems are worth showing on what may still go live; what did go live passed when it did.
      return { plan, versions: versions.map((version) => (version.state === 'draft' || version.state === 'scheduled' ? { ...version, problems: problemsOf(version.plan, plan.tenantId) } : version)) };
    },
  });

  dispatcher.route<{ planId: string }, Record<string, unknown>, { revision: number; plan: RoutingPlan }>({
    method: 'PUT',
    path: '/plans/:planId/draft',
    access: { entitlement: 'plans.write' },
    schemas: { params: planSchemas.planParams, body: planSchemas.draftBody, response: planSchemas.planAndVersion },
    summary: 'save a routing plan draft',
    handler: async (request) => {
      const { params, body, identity, scope } = request;
      const plan = await planInScope(plans, identity!, scope, params.planId);
      const version = await plans.saveDraft(actorOf(identity!), plan.id, body);
      await auditChange(deps.audit, request, { action: 'plan.draft.save', tenantId: plan.tenantId, resource: plan.id, outcome: 200, details: { version: version.version, basedOnRevision: body.revision, numbers: plan.numbers } });
      return { plan: (await plans.get(actorOf(identity!), plan.id))!, version, problems: problemsOf(body.plan, plan.tenantId) };
    },
  });

  dispatcher.route<{ planId: string }, Record<string, unknown>, { plan: RoutingPlan }>({
    method: 'POST',
    path: '/plans/:planId/validate',
    access: { entitlement: 'plans.write' },
    schemas: { params: planSchemas.planParams, body: planSchemas.validateBody, response: planSchemas.problems },
    // Checks a tree and stores nothing.
    audit: false,
    handler: async ({ params, body, identity, scope }) => {
      const plan = await planInScope(plans, identity!, scope, params.planId);
      return { problems: problemsOf(body.plan, plan.tenantId) };
    },
  });

  dispatcher.route<{ planId: string }, { from: number; to: number }>({
    method: 'GET',
    path: '/plans/:planId/diff',
    access: { entitlement: 'plans.read' },
    schemas: { params: planSchemas.planParams, query: planSchemas.diffQuery, response: planSchemas.diff },
    handler: async ({ params, query, identity, scope }) => {
      const plan = await planInScope(plans, identity!, scope, params.planId);
      const versions = await plans.versions(actorOf(identity!), plan.id);
      const find = (number: number) => {
        const found = versions.find((version) => version.version === number);
        if (!found) throw notFound(`Version ${number} of this plan does not exist.`);
        return found.plan;
      };
      return { from: query.from, to: query.to, changes: diffPlans(find(query.from), find(query.to)) };
    },
  });

  dispatcher.route({
    method: 'GET',
    path: '/numbers',
    access: { entitlement: 'plans.read' },
    schemas: { response: planSchemas.numbers },
    handler: async ({ identity, scope }) => {
      const [summaries, reroutes, owned] = await Promise.all([plans.list(identity!), deps.reroutes.inForce(identity!), customers.numbersOf(identity!.tenants)]);
      const planOf = new Map(summaries.flatMap((plan) => plan.numbers.map((number) => [number, plan] as const)));
      const rerouteOf = new Map(reroutes.flatMap((reroute) => reroute.numbers.map((number) => [number, reroute] as const)));
      return {
        numbers: owned
          .filter(({ number }) => coversNumbers(scope, [number]))
          .map(({ number, tenantId }) => {
            const plan = planOf.get(number);
            const reroute = rerouteOf.get(number);
            return {
              number,
              tenantId,
              plan: plan ? { id: plan.id, name: plan.name, activeVersion: plan.activeVersion } : null,
              reroute: reroute ? { id: reroute.id, destination: reroute.destination, expiresAt: reroute.expiresAt } : null,
            };
          }),
      };
    },
  });
}
