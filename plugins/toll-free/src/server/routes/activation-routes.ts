import type { PluginDispatcher } from '@switchboard/sdk';
import type { RoutingPlan } from '../../plan/model.js';
import { validatePlan } from '../../plan/validate/validate-plan.js';
import { auditChange } from '../audit-change.js';
import { effectiveInstant } from '../effective-time.js';
import { actorOf, planInScope } from '../plan-access.js';
import type { RouteDeps } from '../route-deps.js';
import { planSchemas } from './schemas.js';

/**
 * Taking plans live: activate a draft now or schedule it (a quarter hour in the customer's time
 * zone), roll back to an earlier version. plans.activate, scoped to numbers like the rest. A
 * change that takes effect now rebuilds this process's routing before answering and tells the
 * other processes on the bus; a scheduled one is taken live by the scheduler.
 */
export function registerActivationRoutes(dispatcher: PluginDispatcher, deps: RouteDeps): void {
  const { plans, customers, changes, clock } = deps;
  const validate = (plan: RoutingPlan, tenantId: string) => validatePlan(plan, { owned: customers.owned(tenantId) });

  dispatcher.route<{ planId: string }, Record<string, unknown>, { revision: number; version: number; effectiveAt?: string; timeZone?: string }>({
    method: 'POST',
    path: '/plans/:planId/activate',
    access: { entitlement: 'plans.activate' },
    schemas: { params: planSchemas.planParams, body: planSchemas.activateBody, response: planSchemas.planAndVersion },
    summary: 'activate or schedule a routing plan version',
    handler: async (request) => {
      const { params, body, identity, scope } = request;
      const plan = await planInScope(plans, identity!, scope, params.planId);
      const effectiveAt = body.effectiveAt === undefined ? null : effectiveInstant({ effectiveAt: body.effectiveAt, timeZone: body.timeZone! }, clock.now());
      const version = await plans.activate(actorOf(identity!), plan.id, { revision: body.revision, version: body.version, effectiveAt }, validate);
      if (version.state === 'active') await changes.changed({ tenantId: plan.tenantId, why: 'activated', planId: plan.id, version: version.version });
      await auditChange(deps.audit, request, {
        action: version.state === 'active' ? 'plan.activate' : 'plan.schedule',
        tenantId: plan.tenantId,
        resource: plan.id,
        outcome: 200,
        details: { version: version.version, numbers: plan.numbers, effectiveAt: version.effectiveAt, ...(body.timeZone ? { asTyped: `${body.effectiveAt} ${body.timeZone}` } : {}) },
      });
      return { plan: (await plans.get(actorOf(identity!), plan.id))!, version };
    },
  });

  dispatcher.route<{ planId: string }, Record<string, unknown>, { revision: number; toVersion: number }>({
    method: 'POST',
    path: '/plans/:planId/rollback',
    access: { entitlement: 'plans.activate' },
    schemas: { params: planSchemas.planParams, body: planSchemas.rollbackBody, response: planSchemas.planAndVersion },
    summary: 'roll a routing plan back to an earlier version',
    handler: async (request) => {
      const { params, body, identity, scope } = request;
      const plan = await planInScope(plans, identity!, scope, params.planId);
      const version = await plans.rollback(actorOf(identity!), plan.id, body, validate);
      await changes.changed({ tenantId: plan.tenantId, why: 'rolled-back', planId: plan.id, version: version.version });
      await auditChange(deps.audit, request, { action: 'plan.rollback', tenantId: plan.tenantId, resource: plan.id, outcome: 200, details: { version: version.version, copyOf: body.toVersion, numbers: plan.numbers } });
      return { plan: (await plans.get(actorOf(identity!), plan.id))!, version };
    },
  });
}
