import { notFound, unprocessable, type PluginDispatcher } from '@switchboard/sdk';
import type { TrafficContract } from '@switchboard/plugin-traffic';
import { compilePlan, InvalidPlanError } from '../../plan/compile/compile-plan.js';
import { actorOf, planInScope } from '../plan-access.js';
import type { RouteDeps } from '../route-deps.js';
import { Outcomes } from '../what-if/outcomes.js';
import { replayPlan } from '../what-if/replay-plan.js';
import { whatIfSchemas } from './what-if-schemas.js';

/**
 * The most calls one replay routes again. A month of a busy number (a call every ten seconds, day
 * and night) is about 260,000; reading and routing that many takes seconds, not minutes, and the
 * replay's memory is its counts and the calls in progress, not the calls. Past it the answer says
 * how far it got (truncated, replayedTo).
 */
export const MAX_REPLAY_CALLS = 300_000;

const DAY_MS = 86_400_000;

/**
 * What-if replay: the customer's real calls to the plan's numbers over the last `days` (1–30),
 * read from the traffic plugin through its contract, routed again through one version of the plan
 * (by default the draft, else the active one) and compared with what happened. plans.read, scoped
 * to numbers like every plan route; nothing is changed, so nothing is audited.
 */
export function registerWhatIfRoute(dispatcher: PluginDispatcher, deps: RouteDeps, traffic: Pick<TrafficContract, 'callsForReplay'>): void {
  const { plans, customers, clock } = deps;

  dispatcher.route<{ planId: string }, { days?: number; version?: number }>({
    method: 'GET',
    path: '/plans/:planId/what-if',
    access: { entitlement: 'plans.read' },
    schemas: { params: whatIfSchemas.params, query: whatIfSchemas.query, response: whatIfSchemas.response },
    handler: async ({ params, query, identity, scope }) => {
      const plan = await planInScope(plans, identity!, scope, params.planId);
      const versions = await plans.versions(actorOf(identity!), plan.id);
      const chosen = query.version === undefined ? (versions.find((v) => v.state === 'draft') ?? versions.find((v) => v.state === 'active')) : versions.find((v) => v.version === query.version);
      if (!chosen) throw notFound(query.version === undefined ? 'This plan has neither a draft nor an active version.' : `Version ${query.version} of this plan does not exist.`);
      let compiled;
      try {
        compiled = compilePlan(chosen.plan);
      } catch (error) {
        if (!(error instanceof InvalidPlanError)) throw error;
        const errors = error.problems.filter((problem) => problem.severity === 'error');
        throw unprocessable('Fix the plan\'s errors first: calls cannot be routed through it as it is.', errors.map((problem) => ({ field: problem.path, message: `${problem.where}: ${problem.message}` })), 'plan_invalid');
      }
      const days = query.days ?? 7;
      const to = clock.now();
      const from = new Date(to.getTime() - days * DAY_MS);
      const customer = customers.settingOf(plan.tenantId);
      const result = await replayPlan(compiled, traffic.callsForReplay(plan.tenantId, plan.numbers, from.toISOString(), to.toISOString()), {
        outcomes: new Outcomes(customer),
        callCenters: (customer?.callCenters ?? []).map((center) => ({ id: center.id, agents: center.agents ?? null })),
        limit: MAX_REPLAY_CALLS,
      });
      return { planId: plan.id, version: chosen.version, state: chosen.state, numbers: plan.numbers, days, from: from.toISOString(), to: to.toISOString(), ...result };
    },
  });
}
