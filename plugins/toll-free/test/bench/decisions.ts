/**
 * Routing decisions per second in process (issue 5's goal: at least 1,000,000 a second on one
 * core), on a plan five decisions deep with 200 area codes: area code (200 codes in 10 branches)
 * › day of week › time of day › date (holidays) › percent split between call centers. Queries
 * come from a pool made in advance: callers from those area codes and from others (and foreign
 * and withheld numbers), instants over a week in and out of business hours, fresh call ids.
 * Run by `npm run bench -- routing` (test/bench/routing.ts). BENCH_DECISIONS (default 2,000,000)
 * per round, 5 rounds after a warm-up; the median round is the figure.
 */
import { performance } from 'node:perf_hooks';
import { compilePlan } from '../../src/plan/compile/compile-plan.js';
import type { RoutingQuery } from '../../src/plan/compile/decision.js';
import { RoutingTable } from '../../src/plan/compile/routing-table.js';
import type { PlanNode, RoutingPlan } from '../../src/plan/model.js';
import { ASSIGNED_NPAS } from '../../src/plan/origin/nanp-origins.js';
import { validatePlan } from '../../src/plan/validate/validate-plan.js';
import { seededRandom } from '../support/switchboard.js';

const AREA_CODES = 200;
const AREA_CODE_BRANCHES = 10;
const ZONE = 'America/Chicago';

let nodeCount = 0;
/** A node without its id (distributed over the union, so each type keeps its own fields). */
type Unnamed<T> = T extends unknown ? Omit<T, 'id'> : never;
const node = (fields: Unnamed<PlanNode>): PlanNode => ({ id: `n${++nodeCount}`, ...fields }) as PlanNode;
const route = (callCenterId: string): PlanNode => node({ type: 'route', destination: { type: 'call-center', callCenterId } });

function percentSplit(): PlanNode {
  return node({ type: 'percent', branches: [{ percent: 60, next: route('dallas') }, { percent: 30, next: route('tampa') }, { percent: 10, next: route('toronto') }] });
}
function holidays(): PlanNode {
  return node({ type: 'date', timeZone: ZONE, branches: [{ dates: [{ from: '12-24', to: '12-26' }, { from: '01-01' }, { from: '2026-11-26' }], next: node({ type: 'announce', announcementId: 'holiday' }) }], other: percentSplit() });
}
function hours(): PlanNode {
  return node({
    type: 'time-of-day',
    timeZone: ZONE,
    branches: [
      { ranges: [{ from: '08:00', to: '12:00' }], next: holidays() },
      { ranges: [{ from: '12:00', to: '18:00' }], next: holidays() },
    ],
    other: route('overnight'),
  });
}
function days(): PlanNode {
  return node({ type: 'day-of-week', timeZone: ZONE, branches: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], next: hours() }, { days: ['sat'], next: hours() }], other: node({ type: 'announce', announcementId: 'closed' }) });
}

/** The area codes the benchmark plan lists. */
export const benchmarkAreaCodes = (): string[] => [...ASSIGNED_NPAS].filter((npa) => /^[2-9]/.test(npa)).slice(0, AREA_CODES);

export function benchmarkPlan(areaCodes: readonly string[]): RoutingPlan {
  const perBranch = areaCodes.length / AREA_CODE_BRANCHES;
  return {
    root: node({
      type: 'npa',
      branches: Array.from({ length: AREA_CODE_BRANCHES }, (_, i) => ({ npas: areaCodes.slice(i * perBranch, (i + 1) * perBranch), next: days() })),
      other: days(),
    }),
  };
}

/** Calls to the benchmark plan: 80% from its area codes, the rest from others, abroad or withheld, over a week with Christmas in it. */
export function benchmarkQueries(areaCodes: readonly string[], count: number): RoutingQuery[] {
  const random = seededRandom(55);
  const others = [...ASSIGNED_NPAS].filter((npa) => !areaCodes.includes(npa) && /^[2-9]/.test(npa));
  const weekStart = Date.parse('2026-12-21T06:00:00Z'); // Monday 00:00 in Chicago, with Christmas in the week
  return Array.from({ length: count }, (_, i) => {
    const pick = random();
    const npa = pick < 0.8 ? areaCodes[Math.floor(random() * areaCodes.length)] : others[Math.floor(random() * others.length)];
    const line = String(2_000_000 + Math.floor(random() * 7_999_999)).padStart(7, '0');
    const callingNumber = pick > 0.98 ? null : pick > 0.96 ? '+442079460958' : `+1${npa}${line}`;
    return { dialedNumber: '+18005550100', callingNumber, at: new Date(weekStart + Math.floor(random() * 7 * 86_400_000)), callId: `${i.toString(36)}-${Math.floor(random() * 1e9)}@sbc.example.net` };
  });
}

export async function decisionsBenchmark(): Promise<void> {
  const perRound = Number(process.env.BENCH_DECISIONS ?? 2_000_000);
  const areaCodes = benchmarkAreaCodes();
  const plan = benchmarkPlan(areaCodes);

  const validateStart = performance.now();
  const problems = validatePlan(plan);
  const validateMs = performance.now() - validateStart;
  if (problems.length) throw new Error(`the benchmark plan is not valid: ${JSON.stringify(problems.slice(0, 3))}`);
  const compileStart = performance.now();
  const compiled = compilePlan(plan);
  const compileMs = performance.now() - compileStart;
  const table = new RoutingTable([{ numbers: Array.from({ length: 1_000 }, (_, i) => `+1800555${String(i).padStart(4, '0')}`), plan: compiled }]);
  console.log(`plan: ${nodeCount} nodes, five decisions deep, ${AREA_CODES} area codes; validated in ${validateMs.toFixed(1)} ms, compiled (validation included) in ${compileMs.toFixed(1)} ms`);

  const pool = benchmarkQueries(areaCodes, 100_000);
  let sink = 0;
  const round = (decisions: number): number => {
    const start = performance.now();
    for (let i = 0; i < decisions; i++) sink += table.route(pool[i % pool.length]!)!.path.length;
    return decisions / ((performance.now() - start) / 1000);
  };
  round(perRound / 4); // warm-up: the optimising compiler and each zone's offsets
  const rates = Array.from({ length: 5 }, () => round(perRound)).sort((a, b) => a - b);
  const taken = new Map<string, number>();
  for (const query of pool) {
    const action = table.route(query)!.action;
    const key = action.type === 'route' && action.destination.type === 'call-center' ? action.destination.callCenterId : action.type === 'announce' ? action.announcementId : action.type;
    taken.set(key, (taken.get(key) ?? 0) + 1);
  }
  console.log(`decisions in process, one core: ${Math.round(rates[2]!).toLocaleString('en-US')} per second (median of 5 rounds of ${perRound.toLocaleString('en-US')}; slowest ${Math.round(rates[0]!).toLocaleString('en-US')}, fastest ${Math.round(rates[4]!).toLocaleString('en-US')}; goal 1,000,000)`);
  console.log(`where the pool's ${pool.length.toLocaleString('en-US')} calls went: ${[...taken].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`).join(', ')} (path lengths summed: ${sink})`);
}
