import type { CompiledPlan } from '../../plan/compile/compile-plan.js';
import { ConcurrencyTracker, type ConcurrencyFigures } from './concurrency.js';
import type { Outcome, Outcomes } from './outcomes.js';

/** A stored call, as the traffic contract gives it for a replay. */
export interface ReplayedCall {
  callId: string;
  dialedNumber: string;
  callingNumber: string | null;
  startedAt: string;
  destination: string | null;
  callCenter: string | null;
  durationSeconds: number;
  disposition: string;
}

/** Calls to one outcome: how many went there, how many the plan would send there. */
export type DestinationCounts = Outcome & { actual: number; draft: number };

/** One call center's load: what it held, what the plan would have it hold, against its agents. */
export interface CallCenterLoad {
  callCenterId: string;
  label: string;
  /** Its agents, from the settings; null when the carrier has not said (no warning is possible then). */
  agents: number | null;
  actual: ConcurrencyFigures;
  draft: ConcurrencyFigures;
  /** The plan would have it hold more calls at once than it has agents. */
  exceeded: boolean;
}

export interface ReplayResult {
  /** Calls replayed. */
  calls: number;
  /** Of those, the calls the plan would send somewhere else than they went. */
  changed: number;
  /** The replay stopped at `limit` calls; it covers the window up to `replayedTo`. */
  truncated: boolean;
  limit: number;
  /** ISO 8601: the start of the last call replayed; null without calls. */
  replayedTo: string | null;
  destinations: DestinationCounts[];
  callCenters: CallCenterLoad[];
}

export interface ReplayOptions {
  outcomes: Outcomes;
  /** The customer's call centers in their order, with their agents (null: not said). */
  callCenters: ReadonlyArray<{ id: string; agents: number | null }>;
  /** At most this many calls are replayed. */
  limit: number;
}

/**
 * Routes stored calls again through a compiled plan and compares: per outcome, the calls that went
 * there and the calls the plan would send there; per call center, the most calls it would hold at
 * once (each holding an agent from its start for its recorded duration) against its agents. Each
 * call draws its percentages with its own call id, as the routing did live, so replaying the plan
 * that routed the calls gives back what happened. Calls must come oldest first; the replay keeps
 * counts and the calls in progress, never the calls themselves.
 */
export async function replayPlan(plan: CompiledPlan, calls: AsyncIterable<ReplayedCall>, options: ReplayOptions): Promise<ReplayResult> {
  const { outcomes, limit } = options;
  const destinations = new Map<string, DestinationCounts>();
  const agentsOf = new Map(options.callCenters.map((center) => [center.id, center.agents]));
  const loads = new Map<string, { label: string; actual: ConcurrencyTracker; draft: ConcurrencyTracker }>();
  const loadOf = (outcome: Outcome) => {
    const id = outcome.callCenterId!;
    let load = loads.get(id);
    if (!load) {
      const agents = agentsOf.get(id) ?? null;
      load = { label: outcome.label, actual: new ConcurrencyTracker(agents), draft: new ConcurrencyTracker(agents) };
      loads.set(id, load);
    }
    return load;
  };
  const count = (outcome: Outcome, side: 'actual' | 'draft') => {
    let counts = destinations.get(outcome.key);
    if (!counts) destinations.set(outcome.key, (counts = { ...outcome, actual: 0, draft: 0 }));
    counts[side]++;
  };
  // Every call center of the customer is listed, also one no call reached.
  for (const center of options.callCenters) loadOf(outcomes.callCenter(center.id));

  let replayed = 0;
  let changed = 0;
  let replayedTo: string | null = null;
  let truncated = false;
  for await (const call of calls) {
    if (replayed === limit) {
      truncated = true;
      break;
    }
    const at = Date.parse(call.startedAt);
    const actual = outcomes.ofCall(call);
    const draft = outcomes.ofAction(plan.decide({ dialedNumber: call.dialedNumber, callingNumber: call.callingNumber, at: new Date(at), callId: call.callId }).action);
    count(actual, 'actual');
    count(draft, 'draft');
    if (actual.key !== draft.key) changed++;
    if (actual.callCenterId) loadOf(actual).actual.add(at, call.durationSeconds);
    if (draft.callCenterId) loadOf(draft).draft.add(at, call.durationSeconds);
    replayed++;
    replayedTo = call.startedAt;
  }

  const callCenters = [...loads].map(([callCenterId, load]): CallCenterLoad => {
    const agents = agentsOf.get(callCenterId) ?? null;
    const draft = load.draft.finish();
    return { callCenterId, label: load.label, agents, actual: load.actual.finish(), draft, exceeded: agents !== null && draft.peak > agents };
  });
  return {
    calls: replayed,
    changed,
    truncated,
    limit,
    replayedTo,
    destinations: [...destinations.values()].sort((a, b) => b.actual + b.draft - (a.actual + a.draft) || a.label.localeCompare(b.label)),
    callCenters,
  };
}
