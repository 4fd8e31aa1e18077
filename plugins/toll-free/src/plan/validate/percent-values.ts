import { atBranch, atNode, type Location } from '../locations.js';
import type { PercentNode } from '../model.js';
import type { Report } from './report.js';

/** Whole percentages adding up to exactly 100 (domain spec 1.5); a 0% branch is never taken. */
export function checkPercentages(node: PercentNode, at: Location, report: Report): void {
  let total = 0;
  node.branches.forEach((branch, i) => {
    total += branch.percent;
    if (!Number.isInteger(branch.percent)) report.error('percent_not_whole', atBranch(at, node, i), node.id, `${branch.percent}% is not a whole percentage.`);
    else if (branch.percent === 0) report.warning('branch_never_taken', atBranch(at, node, i), node.id, 'At 0% this branch is never taken.');
  });
  // Summed in hundredths, so that 33.3 + 66.7 is not reported as 99.99999999999999.
  const hundredths = Math.round(total * 100) / 100;
  if (hundredths !== 100) {
    const shown = node.branches.map((branch) => `${branch.percent}%`).join(' + ') || 'no branches';
    report.error('percent_total', atNode(at, node), node.id, `The percentages add up to ${hundredths}% (${shown}), not 100%.`);
  }
}
