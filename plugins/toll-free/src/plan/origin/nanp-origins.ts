import { NPA_TABLE } from '@switchboard/plugin-traffic';
import type { CountryNode, NpaNode, StateNode } from '../model.js';

// What origin nodes know about area codes, from the traffic plugin's NANP table (one table for the
// whole portal): which area codes exist, and the states and countries they are in.

/** Every assigned NANP area code. */
export const ASSIGNED_NPAS: ReadonlySet<string> = new Set(NPA_TABLE.keys());

function npasBy(key: (npa: string) => readonly string[]): ReadonlyMap<string, readonly string[]> {
  const by = new Map<string, string[]>();
  for (const npa of NPA_TABLE.keys()) {
    for (const value of key(npa)) {
      let npas = by.get(value);
      if (!npas) by.set(value, (npas = []));
      npas.push(npa);
    }
  }
  return by;
}

/** State, territory or province -> its area codes. Only codes in the table are states a call can come from. */
export const NPAS_BY_STATE = npasBy((npa) => NPA_TABLE.get(npa)!.states);
/** NANP country -> its area codes; the codes that serve the whole NANP (800, 900, 500...) have none. */
export const NPAS_BY_COUNTRY = npasBy((npa) => {
  const country = NPA_TABLE.get(npa)!.country;
  return country ? [country] : [];
});

/**
 * Which branch each area code takes at an origin node (by index; absent means `other`). The first
 * branch naming a code, or one of its states or its country, takes it; so does, for the area
 * codes NANPA lists over several provinces (902: NS and PE), the first branch naming any of them.
 * The compiled plan and validation's reachability check both use this, so they cannot disagree.
 */
export function npaBranchIndex(node: NpaNode | StateNode | CountryNode): Map<string, number> {
  const index = new Map<string, number>();
  node.branches.forEach((branch, i) => {
    const npas =
      node.type === 'npa'
        ? (branch as NpaNode['branches'][number]).npas
        : node.type === 'state'
          ? (branch as StateNode['branches'][number]).states.flatMap((state) => NPAS_BY_STATE.get(state) ?? [])
          : (branch as CountryNode['branches'][number]).countries.flatMap((country) => NPAS_BY_COUNTRY.get(country) ?? []);
    for (const npa of npas) if (!index.has(npa)) index.set(npa, i);
  });
  return index;
}
