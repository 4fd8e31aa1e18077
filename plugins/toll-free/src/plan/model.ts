/**
 * A routing plan: the decision tree that says where calls to a customer's toll-free numbers go,
 * after the North American Call Processing Record (see the package README). Decision nodes test
 * one fact of the call (where it comes from, when it is, a percentage draw) and pick a branch;
 * branches end in action nodes. Every decision node but `percent` has an `other` branch for calls
 * none of its branches takes; a percent node's branches add up to 100, so it needs none.
 *
 * This is the stored form: JSON, what the API takes and answers. `other` is optional in the type
 * because an unfinished draft may be saved; validatePlan reports it missing and compilePlan
 * refuses it.
 */

export interface RoutingPlan {
  root: PlanNode;
}

export type PlanNode = DecisionNode | ActionNode;
export type DecisionNode =
  | NpaNode
  | NpaNxxNode
  | LataNode
  | StateNode
  | CountryNode
  | TimeOfDayNode
  | DayOfWeekNode
  | DateNode
  | PercentNode;
export type ActionNode = RouteNode | AnnounceNode | BlockNode;

export type DecisionType = DecisionNode['type'];
export type ActionType = ActionNode['type'];

/** What every node carries: an id unique in the plan (decision paths, percent draws and the editor name nodes by it) and an optional label. */
interface NodeBase {
  id: string;
  /** The network manager's own name for the node ("Business hours"); shown instead of the type's name. */
  label?: string;
}

/** A branch of a decision node: the values it takes and the node that decides next. */
interface BranchBase {
  /** The network manager's name for the branch ("East coast"); shown instead of its values. */
  label?: string;
  next: PlanNode;
}

/** A decision node with the branch type it takes and its `other` branch. */
interface Choice<B> extends NodeBase {
  branches: B[];
  /** Where calls go that no branch takes. Required by validation; optional only so drafts can be saved. */
  other?: PlanNode;
}

// Origin: where the call comes from, from the calling number (ANI) and the LATA the switch reports.

/** By the calling number's area code: `npas` are 3-digit NANP area codes ('212'). */
export interface NpaNode extends Choice<NpaBranch> {
  type: 'npa';
}
export interface NpaBranch extends BranchBase {
  npas: string[];
}

/** By the calling number's area code and exchange: `prefixes` are 6 digits, NPA then NXX ('212555'). */
export interface NpaNxxNode extends Choice<NpaNxxBranch> {
  type: 'npa-nxx';
}
export interface NpaNxxBranch extends BranchBase {
  prefixes: string[];
}

/**
 * By the originating LATA, as the switch states it in the query (`originLata`): a LATA cannot be
 * told from the calling number alone, since LATAs and area codes cut across each other.
 */
export interface LataNode extends Choice<LataBranch> {
  type: 'lata';
}
export interface LataBranch extends BranchBase {
  /** 3-digit LATA codes ('132'). */
  latas: string[];
}

/** By the state, territory or province of the calling number's area code (USPS / Canada Post codes: 'TX', 'ON'). */
export interface StateNode extends Choice<StateBranch> {
  type: 'state';
}
export interface StateBranch extends BranchBase {
  states: string[];
}

/** By the NANP country of the calling number's area code (ISO 3166-1 alpha-2: 'US', 'CA', 'JM'). Calls from outside the NANP take `other`. */
export interface CountryNode extends Choice<CountryBranch> {
  type: 'country';
}
export interface CountryBranch extends BranchBase {
  countries: string[];
}

// Time: when the call is, on the wall clock of the node's own time zone.

/** By the time of day in `timeZone`. */
export interface TimeOfDayNode extends Choice<TimeOfDayBranch> {
  type: 'time-of-day';
  /** IANA zone ('America/New_York'): the clock the ranges are read on, daylight saving included. */
  timeZone: string;
}
export interface TimeOfDayBranch extends BranchBase {
  ranges: TimeRange[];
}
/**
 * Whole quarter hours ('08:00', '17:15'), start included and end excluded: 08:00–17:00 is 08:00:00
 * up to 16:59:59. A range stays within one day, so `to` may be '24:00' and a night shift is two
 * ranges (22:00–24:00 and 00:00–06:00) in one branch.
 */
export interface TimeRange {
  from: string;
  to: string;
}

/** By the day of the week in `timeZone`. */
export interface DayOfWeekNode extends Choice<DayOfWeekBranch> {
  type: 'day-of-week';
  timeZone: string;
}
export interface DayOfWeekBranch extends BranchBase {
  days: DayOfWeek[];
}
export const DAYS_OF_WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** By the calendar date in `timeZone`: holidays and date ranges. */
export interface DateNode extends Choice<DateBranch> {
  type: 'date';
  timeZone: string;
}
export interface DateBranch extends BranchBase {
  dates: DateRange[];
}
/**
 * One date or an inclusive range of dates. 'MM-DD' recurs every year (an annual range may run over
 * New Year: 12-24 to 01-02); 'YYYY-MM-DD' is that day only (a holiday that moves, like
 * Thanksgiving). Both ends are written the same way; `to` defaults to `from`.
 */
export interface DateRange {
  from: string;
  to?: string;
}

/**
 * Splits calls by percentage, drawn from a hash of the call id salted with the node id: the same
 * call always takes the same branch, and the split holds over many calls. Whole percentages adding
 * up to 100, and no `other` branch (none would ever be taken).
 */
export interface PercentNode extends NodeBase {
  type: 'percent';
  branches: PercentBranch[];
}
export interface PercentBranch extends BranchBase {
  percent: number;
}

// Actions: where a branch ends.

/** Send the call to a destination. */
export interface RouteNode extends NodeBase {
  type: 'route';
  destination: Destination;
}
export type Destination =
  /** A terminating (ring-to) number in E.164. */
  | { type: 'number'; number: string }
  /** A SIP URI ('sip:agents@pbx.example.com'). */
  | { type: 'sip'; uri: string }
  /** One of the customer's call centers, by id. */
  | { type: 'call-center'; callCenterId: string };

/** Play one of the customer's recorded announcements, by id (closed for the holiday, and the like). */
export interface AnnounceNode extends NodeBase {
  type: 'announce';
  announcementId: string;
}

/** Refuse the call. */
export interface BlockNode extends NodeBase {
  type: 'block';
}

const DECISION_TYPES: ReadonlySet<string> = new Set<DecisionType>([
  'npa', 'npa-nxx', 'lata', 'state', 'country', 'time-of-day', 'day-of-week', 'date', 'percent',
]);

export function isDecision(node: PlanNode): node is DecisionNode {
  return DECISION_TYPES.has(node.type);
}
