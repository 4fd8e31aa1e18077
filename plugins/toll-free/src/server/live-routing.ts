import type { Logger } from '@switchboard/sdk';
import { compilePlan, type CompiledPlan } from '../plan/compile/compile-plan.js';
import type { PathStep, RoutingQuery } from '../plan/compile/decision.js';
import { RoutingTable } from '../plan/compile/routing-table.js';
import type { ActionNode, RouteNode } from '../plan/model.js';
import type { PlanStore } from './plan-store.js';
import type { Reroute, RerouteStore } from './reroute-store.js';

/** A plan version in force, compiled, with whose it is. */
interface LivePlan {
  planId: string;
  version: number;
  tenantId: string;
  numbers: string[];
  plan: CompiledPlan;
}

/** A re-route in force, its action ready to hand out. */
interface LiveReroute {
  id: string;
  tenantId: string;
  expiresAt: number;
  action: Readonly<RouteNode>;
}

/** Where a call goes, and why: the plan version and the decisions taken, or the emergency re-route that overrode it. */
export interface LiveAnswer {
  tenantId: string;
  action: Readonly<ActionNode>;
  plan: { id: string; version: number } | null;
  path: readonly PathStep[];
  reroute: { id: string; expiresAt: string } | null;
}

/** The compiled routing in force in this process: swapped whole, so a query sees one state or the next, never a mix. */
interface Snapshot {
  table: RoutingTable<LivePlan>;
  reroutes: ReadonlyMap<string, LiveReroute>;
}

/**
 * The routing the network is answered from, in memory: the active plan versions compiled, and the
 * emergency re-routes in force. Rebuilt from storage at start and whenever a plan is activated,
 * rolled back or re-routed here or on another host process (the event bus says so): every
 * process answers from what storage says, not from what it was told. A version already compiled is
 * kept, so a change recompiles only what changed.
 */
export class LiveRouting {
  private snapshot: Snapshot = { table: new RoutingTable<LivePlan>([]), reroutes: new Map() };
  private compiled = new Map<string, CompiledPlan>();
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly plans: PlanStore,
    private readonly reroutes: RerouteStore,
    private readonly logger: Logger,
  ) {}

  /**
   * Rebuilds from storage. A call while a rebuild runs gets the next one, which starts once the
   * running one ends (it may have read storage before the change it is called for); calls in the
   * meantime share that next one.
   */
  reload(): Promise<void> {
    if (!this.running) {
      this.running = this.rebuild().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running.catch(() => undefined).then(() => {
      this.queued = null;
      return this.reload();
    });
    return this.queued;
  }

  /** Where the call goes, or null when none of the active plans or re-routes has its dialed number. */
  route(query: RoutingQuery): LiveAnswer | null {
    const { table, reroutes } = this.snapshot;
    const reroute = reroutes.get(query.dialedNumber);
    if (reroute && query.at.getTime() < reroute.expiresAt) {
      return { tenantId: reroute.tenantId, action: reroute.action, plan: null, path: [], reroute: { id: reroute.id, expiresAt: new Date(reroute.expiresAt).toISOString() } };
    }
    const live = table.attachmentOf(query.dialedNumber);
    if (!live) return null;
    const decision = live.plan.decide(query);
    return { tenantId: live.tenantId, action: decision.action, plan: { id: live.planId, version: live.version }, path: decision.path, reroute: null };
  }

  private async rebuild(): Promise<void> {
    const [active, inForce] = await Promise.all([this.plans.activeVersions(), this.reroutes.allInForce()]);
    const compiled = new Map<string, CompiledPlan>();
    const live: LivePlan[] = [];
    for (const version of active) {
      const key = `${version.planId}:${version.version}`;
      try {
        const plan = this.compiled.get(key) ?? compilePlan(version.plan);
        compiled.set(key, plan);
        live.push({ planId: version.planId, version: version.version, tenantId: version.tenantId, numbers: version.numbers, plan });
      } catch (error) {
        // Validated when it was activated, so only a change to the engine's rules gets here; its numbers take no plan rather than stop the others.
        this.logger.error({ err: error, planId: version.planId, version: version.version }, 'an active plan version does not compile; its numbers are not routed by it');
      }
    }
    this.compiled = compiled;
    this.snapshot = { table: new RoutingTable(live), reroutes: rerouteMap(inForce) };
  }
}

function rerouteMap(reroutes: readonly Reroute[]): Map<string, LiveReroute> {
  const map = new Map<string, LiveReroute>();
  for (const reroute of reroutes) {
    const action: RouteNode = Object.freeze({ id: `reroute-${reroute.id}`, type: 'route', label: 'Emergency re-route', destination: Object.freeze({ ...reroute.destination }) });
    for (const number of reroute.numbers) map.set(number, { id: reroute.id, tenantId: reroute.tenantId, expiresAt: Date.parse(reroute.expiresAt), action });
  }
  return map;
}
