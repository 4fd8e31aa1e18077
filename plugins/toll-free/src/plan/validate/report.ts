import type { Location } from '../locations.js';
import type { PlanProblem, PlanProblemCode } from '../problems.js';

/** Collects a validation's problems, in the order the tree is read. */
export class Report {
  readonly problems: PlanProblem[] = [];

  error(code: PlanProblemCode, at: Location, nodeId: string, message: string): void {
    this.problems.push({ code, severity: 'error', path: at.path, where: at.where, nodeId, message });
  }

  warning(code: PlanProblemCode, at: Location, nodeId: string, message: string): void {
    this.problems.push({ code, severity: 'warning', path: at.path, where: at.where, nodeId, message });
  }
}

/** At most this many values are named in one message; the rest are counted. */
const NAMED = 10;

/** Values for a message: '"21", "2a2"' or '"201", "202", ... and 40 more'. */
export function quoteValues(values: readonly string[]): string {
  const named = values.slice(0, NAMED).map((value) => JSON.stringify(value)).join(', ');
  return values.length > NAMED ? `${named} and ${values.length - NAMED} more` : named;
}
