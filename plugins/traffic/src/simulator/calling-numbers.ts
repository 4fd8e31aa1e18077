import { NPA_TABLE } from '../reference/npa-table.js';
import { integerBetween, pickWeighted, type Random } from './random.js';
import { STATE_POPULATION_THOUSANDS } from './state-populations.js';

interface WeightedNpa {
  npa: string;
  weight: number;
}

/**
 * The area codes callers are drawn from: geographic codes in service in the US and Canada, each
 * weighted by the people it serves, taken as its states' residents shared evenly among their
 * area codes (so Texas's 27 codes together weigh as much as Texas). A code over several provinces
 * (902: NS and PE) sums its shares.
 */
function callerAreaCodes(): WeightedNpa[] {
  const eligible = [...NPA_TABLE].filter(([, entry]) => entry.use === 'geographic' && entry.inService && (entry.country === 'US' || entry.country === 'CA'));
  const codesPerState = new Map<string, number>();
  for (const [, entry] of eligible) for (const state of entry.states) codesPerState.set(state, (codesPerState.get(state) ?? 0) + 1);
  const weighted: WeightedNpa[] = [];
  for (const [npa, entry] of eligible) {
    let weight = 0;
    for (const state of entry.states) weight += (STATE_POPULATION_THOUSANDS[state] ?? 0) / codesPerState.get(state)!;
    if (weight > 0) weighted.push({ npa, weight });
  }
  return weighted;
}

let areaCodes: WeightedNpa[] | undefined;

/**
 * A plausible calling number in E.164: a real, populated area code, then an exchange that is not
 * an N11 service code (211, 411, 911...) nor 555 (directory and fiction), then any line number.
 */
export function drawCallingNumber(random: Random): string {
  areaCodes ??= callerAreaCodes();
  const { npa } = pickWeighted(random, areaCodes, (code) => code.weight)!;
  let exchange: number;
  do exchange = integerBetween(random, 200, 999);
  while (exchange % 100 === 11 || exchange === 555);
  const line = integerBetween(random, 0, 9999);
  return `+1${npa}${exchange}${String(line).padStart(4, '0')}`;
}
