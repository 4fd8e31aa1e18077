import type { PercentNode } from '../model.js';
import type { CallFacts } from './call-facts.js';
import type { Chooser } from './chooser.js';
import { percentPoint, percentSalt, POINTS } from './percent-point.js';

/** Percent nodes: the call's point in [0, 10000) against the branches' cumulative shares. */
export class PercentChooser implements Chooser {
  private readonly salt: number;
  /** Where each branch's share ends, in points. */
  private readonly ends: Int32Array;

  constructor(node: PercentNode) {
    this.salt = percentSalt(node.id);
    let end = 0;
    this.ends = Int32Array.from(node.branches, (branch) => (end += Math.round(branch.percent * (POINTS / 100))));
  }

  choose(facts: CallFacts): number {
    const point = percentPoint(this.salt, facts.callId);
    const ends = this.ends;
    let branch = 0;
    while (branch < ends.length - 1 && point >= ends[branch]!) branch++;
    return branch;
  }
}
