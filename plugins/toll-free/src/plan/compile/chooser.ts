import type { CallFacts } from './call-facts.js';

/** A compiled decision node's test: the index of the branch a call takes, the branch count meaning `other`. */
export interface Chooser {
  choose(facts: CallFacts): number;
}
