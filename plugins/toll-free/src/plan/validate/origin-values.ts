import { branchWords, atBranch, type Location } from '../locations.js';
import type { CountryNode, LataNode, NpaNode, NpaNxxNode, StateNode } from '../model.js';
import { ASSIGNED_NPAS, NPAS_BY_COUNTRY, NPAS_BY_STATE } from '../origin/nanp-origins.js';
import { quoteValues, type Report } from './report.js';

export type OriginNode = NpaNode | NpaNxxNode | LataNode | StateNode | CountryNode;

/** The values of an origin node's branch, whichever kind of origin it is. */
export function originValues(node: OriginNode, index: number): string[] {
  switch (node.type) {
    case 'npa':
      return node.branches[index]!.npas;
    case 'npa-nxx':
      return node.branches[index]!.prefixes;
    case 'lata':
      return node.branches[index]!.latas;
    case 'state':
      return node.branches[index]!.states;
    case 'country':
      return node.branches[index]!.countries;
  }
}

interface OriginRule {
  pattern: RegExp;
  /** What a well-formed value looks like. */
  format: string;
  /** Whether the NANP table knows the value; absent where the project has no table (LATAs). */
  known?: (value: string) => boolean;
  unknown?: string;
}

const RULES: Record<OriginNode['type'], OriginRule> = {
  npa: {
    pattern: /^[2-9]\d\d$/,
    format: 'a 3-digit area code such as "212"',
    known: (npa) => ASSIGNED_NPAS.has(npa),
    unknown: 'not an assigned NANP area code',
  },
  'npa-nxx': {
    pattern: /^[2-9]\d\d[2-9]\d\d$/,
    format: '6 digits, area code then exchange, such as "212555"',
    known: (prefix) => ASSIGNED_NPAS.has(prefix.slice(0, 3)),
    unknown: 'in an area code NANP has not assigned',
  },
  // No LATA table in the project yet: only the form is checked (domain spec 1.3: 3 digits).
  lata: { pattern: /^\d{3}$/, format: 'a 3-digit LATA code such as "132"' },
  state: {
    pattern: /^[A-Z]{2}$/,
    format: 'a 2-letter state or province code such as "TX"',
    known: (state) => NPAS_BY_STATE.has(state),
    unknown: 'not a US state or territory or a Canadian province with NANP area codes',
  },
  country: {
    pattern: /^[A-Z]{2}$/,
    format: 'a 2-letter ISO country code such as "US"',
    known: (country) => NPAS_BY_COUNTRY.has(country),
    unknown: 'not a NANP country; calls from outside the NANP take Other',
  },
};

const plural = (values: readonly string[], one: string, many: string) => (values.length === 1 ? one : many);

/**
 * Checks an origin node's values: form, whether they exist, duplicates. A value in two branches is
 * an error (the later branch never gets it), one twice in the same branch only a warning (it
 * changes nothing). Answers each branch's effective values: well formed, known, first in the node.
 */
export function checkOriginValues(node: OriginNode, at: Location, report: Report): string[][] {
  const rule = RULES[node.type];
  const firstBranch = new Map<string, number>();
  return node.branches.map((_, i) => {
    const where = atBranch(at, node, i);
    const effective: string[] = [];
    const malformed: string[] = [];
    const unknown: string[] = [];
    const repeated = new Map<number, string[]>();
    for (const value of originValues(node, i)) {
      const first = firstBranch.get(value);
      if (!rule.pattern.test(value)) malformed.push(value);
      else if (rule.known && !rule.known(value)) unknown.push(value);
      else if (first !== undefined) {
        const values = repeated.get(first);
        if (values) values.push(value);
        else repeated.set(first, [value]);
      }
      else {
        firstBranch.set(value, i);
        effective.push(value);
      }
    }
    if (malformed.length) report.error('malformed_value', where, node.id, `${quoteValues(malformed)} ${plural(malformed, 'is', 'are')} not ${rule.format}.`);
    if (unknown.length) report.error('unknown_value', where, node.id, `${quoteValues(unknown)}: ${rule.unknown}.`);
    for (const [first, values] of repeated) {
      if (first === i) report.warning('duplicate_value', where, node.id, `${quoteValues(values)} ${plural(values, 'is', 'are')} listed twice in this branch.`);
      else
        report.error(
          'duplicate_value',
          where,
          node.id,
          `${quoteValues(values)} ${plural(values, 'is', 'are')} already in branch ${first + 1} (${branchWords(node, first)}), which takes ${plural(values, 'it', 'them')} first: this branch never gets ${plural(values, 'it', 'them')}.`,
        );
    }
    return effective;
  });
}
