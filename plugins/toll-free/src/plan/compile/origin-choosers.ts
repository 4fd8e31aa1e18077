import type { CountryNode, LataNode, NpaNode, NpaNxxNode, StateNode } from '../model.js';
import { npaBranchIndex } from '../origin/nanp-origins.js';
import type { CallFacts } from './call-facts.js';
import type { Chooser } from './chooser.js';

/** Area code, state and country nodes: one array slot per possible area code (000-999) holds the branch. */
export class NpaTableChooser implements Chooser {
  private readonly table: Int16Array;
  private readonly other: number;

  constructor(node: NpaNode | StateNode | CountryNode) {
    this.other = node.branches.length;
    this.table = new Int16Array(1000).fill(this.other);
    for (const [npa, branch] of npaBranchIndex(node)) this.table[Number(npa)] = branch;
  }

  choose(facts: CallFacts): number {
    return facts.npa < 0 ? this.other : this.table[facts.npa]!;
  }
}

/** NPA-NXX nodes: the 6-digit prefix as a number, looked up in a map (a table of a million slots per node would be too big). */
export class PrefixChooser implements Chooser {
  private readonly branches = new Map<number, number>();
  private readonly other: number;

  constructor(node: NpaNxxNode) {
    this.other = node.branches.length;
    node.branches.forEach((branch, i) => {
      for (const prefix of branch.prefixes) if (!this.branches.has(Number(prefix))) this.branches.set(Number(prefix), i);
    });
  }

  choose(facts: CallFacts): number {
    return facts.prefix < 0 ? this.other : (this.branches.get(facts.prefix) ?? this.other);
  }
}

/** LATA nodes, on the LATA the switch reported. */
export class LataChooser implements Chooser {
  private readonly branches = new Map<string, number>();
  private readonly other: number;

  constructor(node: LataNode) {
    this.other = node.branches.length;
    node.branches.forEach((branch, i) => {
      for (const lata of branch.latas) if (!this.branches.has(lata)) this.branches.set(lata, i);
    });
  }

  choose(facts: CallFacts): number {
    return facts.lata === null ? this.other : (this.branches.get(facts.lata) ?? this.other);
  }
}
