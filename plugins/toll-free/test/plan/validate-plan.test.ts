import assert from 'node:assert/strict';
import { compilePlan, InvalidPlanError } from '../../src/plan/compile/compile-plan.js';
import type { PlanNode } from '../../src/plan/model.js';
import type { PlanProblem } from '../../src/plan/problems.js';
import { validatePlan } from '../../src/plan/validate/validate-plan.js';
import { announce, block, OWNED, plan, toCenter } from '../support/plans.js';

// Each problem a network manager can make, found at the node it concerns: the machine path for
// the editor, the words for people, and what is wrong. Whose destinations they are is checked in
// its own tests; the others leave it out.

const problemsOf = (root: PlanNode) => validatePlan(plan(root));
const brief = (problems: PlanProblem[]) => problems.map(({ code, severity, path, where }) => ({ code, severity, path, where }));

function only(root: PlanNode): PlanProblem {
  const problems = problemsOf(root);
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
  return problems[0]!;
}

const byState = (branches: Array<{ states: string[]; next: PlanNode }>, other: PlanNode | undefined = toCenter('tampa')): PlanNode => ({
  id: 'states',
  type: 'state',
  branches,
  ...(other ? { other } : {}),
});
const hours = (id: string, ranges: Array<[string, string]>[], other: PlanNode = toCenter('tampa'), timeZone = 'America/Chicago'): PlanNode => ({
  id,
  type: 'time-of-day',
  timeZone,
  branches: ranges.map((branch, i) => ({ ranges: branch.map(([from, to]) => ({ from, to })), next: toCenter(`${id}-${i}`) })),
  other,
});

describe('toll-free: plan validation', () => {
  it('finds nothing wrong with a sound plan, which then compiles', () => {
    const root: PlanNode = byState([
      { states: ['TX'], next: hours('texas-hours', [[['08:00', '17:00']]], announce('closed')) },
      { states: ['FL', 'GA'], next: { id: 'split', type: 'percent', branches: [{ percent: 70, next: toCenter('dallas') }, { percent: 30, next: toCenter('tampa') }] } },
    ], block());
    assert.deepEqual(problemsOf(root), []);
    assert.ok(compilePlan(plan(root)));
  });

  it('reports a missing Other on the node, in the tree\'s words, and compilePlan refuses the plan', () => {
    const root = byState([{ states: ['TX'], next: hours('hours', [[['08:00', '17:00']]]) }]);
    (root as { branches: Array<{ next: { other?: unknown } }> }).branches[0]!.next.other = undefined;
    const problem = only(root);
    assert.deepEqual(brief([problem]), [{ code: 'missing_other', severity: 'error', path: 'root.branches[0].next', where: 'Origin by state › TX › Time of day' }]);
    assert.equal(problem.nodeId, 'hours');
    assert.match(problem.message, /no Other branch/);
    assert.throws(() => compilePlan(plan(root)), (error: unknown) => error instanceof InvalidPlanError && error.problems[0]!.code === 'missing_other');
  });

  it('uses the network manager\'s labels in the words when nodes and branches have them', () => {
    const root: PlanNode = { id: 'where', type: 'state', label: 'Region', branches: [{ label: 'Texas', states: ['TX'], next: { ...hours('h', [[['08:00', '17:00']]]), label: 'Office hours', other: undefined } as PlanNode }], other: block() };
    assert.equal(only(root).where, 'Region › Texas › Office hours');
  });

  describe('percentages', () => {
    const split = (...percents: number[]): PlanNode => ({ id: 'split', type: 'percent', branches: percents.map((percent, i) => ({ percent, next: toCenter(`c${i}`) })) });

    it('must add up to 100', () => {
      const problem = only(split(70, 20));
      assert.deepEqual(brief([problem]), [{ code: 'percent_total', severity: 'error', path: 'root', where: 'Percent' }]);
      assert.equal(problem.message, 'The percentages add up to 90% (70% + 20%), not 100%.');
      assert.equal(only(split(70, 40)).code, 'percent_total');
    });

    it('must be whole', () => {
      const problems = problemsOf(split(33.5, 66.5));
      assert.deepEqual(brief(problems).map((p) => [p.code, p.path]), [['percent_not_whole', 'root.branches[0]'], ['percent_not_whole', 'root.branches[1]']]);
    });

    it('warns about a 0% branch, which is never taken, without refusing the plan', () => {
      const problem = only(split(100, 0));
      assert.deepEqual(brief([problem]), [{ code: 'branch_never_taken', severity: 'warning', path: 'root.branches[1]', where: 'Percent › 0%' }]);
      assert.ok(compilePlan(plan(split(100, 0))));
    });
  });

  describe('time ranges', () => {
    it('must not overlap between branches: the later branch is named, with the range it clashes with', () => {
      const problem = only(hours('h', [[['08:00', '17:00']], [['16:00', '20:00']]]));
      assert.deepEqual(brief([problem]), [{ code: 'overlapping_ranges', severity: 'error', path: 'root.branches[1]', where: 'Time of day › 16:00–20:00' }]);
      assert.equal(problem.message, '16:00–20:00 overlaps 08:00–17:00 in branch 1 (08:00–17:00), which takes that time first: this branch never gets it.');
    });

    it('only warns about ranges overlapping in the same branch, which change nothing', () => {
      const problem = only(hours('h', [[['08:00', '12:00'], ['11:00', '13:00']]]));
      assert.deepEqual([problem.code, problem.severity], ['overlapping_ranges', 'warning']);
    });

    it('leaves gaps to Other', () => {
      assert.deepEqual(problemsOf(hours('h', [[['08:00', '12:00']], [['13:00', '17:00']]])), []);
    });

    it('must be whole quarter hours within one day, start before end', () => {
      const problems = problemsOf(hours('h', [[['08:10', '17:00']], [['22:00', '06:00']], [['8am', '9am']], [['24:00', '24:00']], [['18:00', '24:30']]]));
      assert.deepEqual(problems.map((p) => [p.code, p.path]), [
        ['malformed_value', 'root.branches[0]'],
        ['malformed_value', 'root.branches[1]'],
        ['malformed_value', 'root.branches[2]'],
        ['malformed_value', 'root.branches[3]'],
        ['malformed_value', 'root.branches[4]'],
      ]);
      assert.match(problems[0]!.message, /"08:10" is not on a quarter hour/);
      assert.match(problems[1]!.message, /split a night into two \(22:00–24:00 and 00:00–06:00\)/);
      assert.match(problems[2]!.message, /"8am" is not a time as HH:MM/);
    });

    it('must be read in a time zone that exists', () => {
      const problem = only(hours('h', [[['08:00', '17:00']]], toCenter('tampa'), 'America/Springfield'));
      assert.deepEqual(brief([problem]), [{ code: 'unknown_time_zone', severity: 'error', path: 'root', where: 'Time of day' }]);
      assert.match(problem.message, /"America\/Springfield" is not an IANA time zone/);
    });

    it('inside a parent range that excludes it can never be taken (same zone)', () => {
      const root = hours('office', [[['08:00', '17:00']]]);
      (root as { branches: Array<{ next: PlanNode }> }).branches[0]!.next = hours('inner', [[['09:00', '12:00']], [['18:00', '20:00']]]);
      const problems = problemsOf(root);
      const unreachable = problems.find((p) => p.code === 'unreachable_branch')!;
      assert.deepEqual(brief([unreachable]), [{ code: 'unreachable_branch', severity: 'error', path: 'root.branches[0].next.branches[1]', where: 'Time of day › 08:00–17:00 › Time of day › 18:00–20:00' }]);
      assert.match(unreachable.message, /calls reach this node only through Time of day › 08:00–17:00, which excludes "18:00–20:00"/);
    });

    it('is not compared across zones, whose offsets move', () => {
      const root = hours('office', [[['08:00', '17:00']]]);
      (root as { branches: Array<{ next: PlanNode }> }).branches[0]!.next = hours('inner', [[['18:00', '20:00']]], toCenter('x'), 'America/Los_Angeles');
      assert.deepEqual(problemsOf(root).filter((p) => p.severity === 'error'), []);
    });
  });

  describe('days and dates', () => {
    it('a day in two branches is an error on the later one', () => {
      const problem = only({ id: 'd', type: 'day-of-week', timeZone: 'America/Chicago', branches: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], next: toCenter('a') }, { days: ['fri', 'sat'], next: toCenter('b') }], other: toCenter('c') });
      assert.deepEqual(brief([problem]), [{ code: 'duplicate_value', severity: 'error', path: 'root.branches[1]', where: 'Day of week › Fri, Sat' }]);
      assert.match(problem.message, /Fri already in branch 1 \(Mon–Fri\)/);
    });

    it('dates must exist, ranges run forward, ends be written alike, and no date be in two branches', () => {
      const problems = problemsOf({
        id: 'dates',
        type: 'date',
        timeZone: 'America/Chicago',
        branches: [
          { dates: [{ from: '12-24', to: '12-26' }], next: toCenter('a') },
          { dates: [{ from: '2026-12-25' }], next: toCenter('b') },
          { dates: [{ from: '02-30' }, { from: '2027-02-29' }], next: toCenter('c') },
          { dates: [{ from: '2026-07-05', to: '2026-07-03' }, { from: '07-04', to: '2026-07-05' }], next: toCenter('d') },
        ],
        other: toCenter('e'),
      });
      assert.deepEqual(problems.map((p) => [p.code, p.path]), [
        ['malformed_value', 'root.branches[2]'],
        ['malformed_value', 'root.branches[2]'],
        ['malformed_value', 'root.branches[3]'],
        ['malformed_value', 'root.branches[3]'],
        ['overlapping_ranges', 'root.branches[1]'],
      ]);
      assert.match(problems[0]!.message, /"02-30" is not a date/);
      assert.match(problems[1]!.message, /"2027-02-29" is not a date/);
      assert.match(problems[2]!.message, /2026-07-03 comes before 2026-07-05/);
      assert.match(problems[3]!.message, /mix an every-year date/);
      assert.match(problems[4]!.message, /2026-12-25 overlaps 12-24 to 12-26 in branch 1/);
    });
  });

  describe('origins', () => {
    it('area codes must be well formed and assigned, each in one branch', () => {
      const problems = problemsOf({
        id: 'npa',
        type: 'npa',
        branches: [
          { npas: ['212', '718', '21', '112'], next: toCenter('a') },
          { npas: ['999', '718', '305', '305'], next: toCenter('b') },
        ],
        other: toCenter('c'),
      });
      assert.deepEqual(brief(problems), [
        { code: 'malformed_value', severity: 'error', path: 'root.branches[0]', where: 'Origin by area code › 212, 718, 21, 112' },
        { code: 'unknown_value', severity: 'error', path: 'root.branches[1]', where: 'Origin by area code › 999, 718, 305, 305' },
        { code: 'duplicate_value', severity: 'error', path: 'root.branches[1]', where: 'Origin by area code › 999, 718, 305, 305' },
        { code: 'duplicate_value', severity: 'warning', path: 'root.branches[1]', where: 'Origin by area code › 999, 718, 305, 305' },
      ]);
      assert.equal(problems[0]!.message, '"21", "112" are not a 3-digit area code such as "212".');
      assert.equal(problems[1]!.message, '"999": not an assigned NANP area code.');
      assert.match(problems[2]!.message, /"718" is already in branch 1 \(212, 718, 21, 112\), which takes it first/);
      assert.equal(problems[3]!.message, '"305" is listed twice in this branch.');
    });

    it('NPA-NXX prefixes, states, countries and LATAs are checked the same way', () => {
      const problems = problemsOf({
        id: 'nxx',
        type: 'npa-nxx',
        branches: [{ prefixes: ['212555', '2125', '999555'], next: { id: 's', type: 'state', branches: [{ states: ['TX', 'ZZ', 'tx'], next: toCenter('a') }], other: { id: 'c', type: 'country', branches: [{ countries: ['US', 'FR'], next: toCenter('b') }], other: { id: 'l', type: 'lata', branches: [{ latas: ['132', '13x'], next: toCenter('c') }], other: block() } } } }],
        other: block('nope'),
      });
      assert.deepEqual(problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.nodeId]), [
        ['malformed_value', 'nxx'],
        ['unknown_value', 'nxx'],
        ['malformed_value', 's'],
        ['unknown_value', 's'],
        ['unreachable_branch', 's'],
        ['unknown_value', 'c'],
        ['malformed_value', 'l'],
      ]);
      assert.match(problems.find((p) => p.code === 'unknown_value' && p.nodeId === 'c')!.message, /"FR": not a NANP country; calls from outside the NANP take Other/);
    });

    it('a state branch under an area-code branch that excludes it can never be taken', () => {
      const problems = problemsOf({
        id: 'npa',
        type: 'npa',
        branches: [{ npas: ['212', '718'], next: byState([{ states: ['TX'], next: toCenter('dallas') }, { states: ['NY'], next: toCenter('nyc') }]) }],
        other: toCenter('c'),
      });
      const unreachable = problems.find((p) => p.code === 'unreachable_branch')!;
      assert.deepEqual(brief([unreachable]), [{ code: 'unreachable_branch', severity: 'error', path: 'root.branches[0].next.branches[0]', where: 'Origin by area code › 212, 718 › Origin by state › TX' }]);
      assert.match(unreachable.message, /only through Origin by area code › 212, 718, which excludes "TX"/);
      assert.deepEqual(brief(problems.filter((p) => p !== unreachable)), [{ code: 'other_never_taken', severity: 'warning', path: 'root.branches[0].next.other', where: 'Origin by area code › 212, 718 › Origin by state › Other' }]);
    });

    it('names the values a path excludes when the rest of the branch can still be taken', () => {
      const problems = problemsOf(byState([{ states: ['TX'], next: { id: 'npa', type: 'npa', branches: [{ npas: ['214', '212'], next: toCenter('a') }], other: toCenter('b') } }]));
      assert.deepEqual(problems.map((p) => [p.code, p.path]), [['unreachable_values', 'root.branches[0].next.branches[0]']]);
      assert.match(problems[0]!.message, /"212" can never be taken here: calls reach this node only through Origin by state › TX/);
    });
  });

  describe('branches', () => {
    it('a branch without values takes no call', () => {
      assert.deepEqual(brief([only(byState([{ states: [], next: toCenter('a') }]))]), [{ code: 'empty_branch', severity: 'error', path: 'root.branches[0]', where: 'Origin by state › (no values)' }]);
    });

    it('a node with only Other decides nothing (a warning)', () => {
      assert.deepEqual(brief([only(byState([]))]), [{ code: 'no_branches', severity: 'warning', path: 'root', where: 'Origin by state' }]);
    });

    it('every node needs its own id', () => {
      const problem = only(byState([{ states: ['TX'], next: toCenter('dallas') }], toCenter('dallas')));
      assert.deepEqual(brief([problem]), [{ code: 'duplicate_node_id', severity: 'error', path: 'root.other', where: 'Origin by state › Other › Route to call center dallas' }]);
      assert.match(problem.message, /"to-dallas" is already used at Origin by state › TX › Route to call center dallas/);
    });
  });

  describe('destinations', () => {
    it('call centers and announcements must be the customer\'s own', () => {
      const problems = validatePlan(plan(byState([{ states: ['TX'], next: toCenter('houston') }, { states: ['FL'], next: toCenter('tampa') }], announce('welcome'))), { owned: OWNED });
      assert.deepEqual(brief(problems), [
        { code: 'destination_not_owned', severity: 'error', path: 'root.branches[0].next', where: 'Origin by state › TX › Route to call center houston' },
        { code: 'announcement_not_owned', severity: 'error', path: 'root.other', where: 'Origin by state › Other › Announcement welcome' },
      ]);
      assert.equal(problems[0]!.message, 'Call center "houston" is not one of yours.');
    });

    it('are not checked for ownership without the customer\'s list (an active plan compiling again)', () => {
      assert.deepEqual(validatePlan(plan(byState([{ states: ['TX'], next: toCenter('houston') }]))), []);
    });

    it('numbers must be E.164 and SIP URIs well formed, and within the customer\'s own where the carrier lists them', () => {
      const route = (id: string, destination: object): PlanNode => ({ id, type: 'route', destination } as PlanNode);
      const root: PlanNode = {
        id: 'n',
        type: 'npa',
        branches: [
          { npas: ['212'], next: route('a', { type: 'number', number: '+13125550100' }) },
          { npas: ['213'], next: route('b', { type: 'number', number: '312-555-0100' }) },
          { npas: ['214'], next: route('c', { type: 'sip', uri: 'sip:agents@pbx.example.com:5060;transport=tls' }) },
          { npas: ['215'], next: route('d', { type: 'sip', uri: 'http://pbx.example.com' }) },
          { npas: ['216'], next: route('e', { type: 'sip', uri: 'sip:agents@elsewhere.example.org' }) },
          { npas: ['217'], next: route('f', { type: 'number', number: '+13125550199' }) },
        ],
        other: block(),
      };
      const problems = validatePlan(plan(root), { owned: { ...OWNED, terminatingNumbers: ['+13125550100'], sipDomains: ['PBX.example.com'] } });
      assert.deepEqual(problems.map((p) => [p.code, p.nodeId]), [
        ['malformed_destination', 'b'],
        ['malformed_destination', 'd'],
        ['destination_not_owned', 'e'],
        ['destination_not_owned', 'f'],
      ]);
      assert.match(problems[0]!.message, /"312-555-0100" is not a telephone number in E.164/);
      assert.match(problems[1]!.message, /"http:\/\/pbx.example.com" is not a SIP URI/);
    });
  });
});
