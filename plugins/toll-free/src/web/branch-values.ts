import type { DateRange, DecisionNode, DecisionType, TimeRange } from '../plan/model.js';

// A branch's values as the editor's one text field shows them and reads them back. The field is
// read as typed: what is malformed is kept and the server's validation names it on the branch,
// rather than the editor dropping what the manager wrote.

type Branch = DecisionNode['branches'][number];

/** The branch field's label and an example, per kind of decision (day-of-week and percent have their own controls). */
export const VALUE_FIELDS: Partial<Record<DecisionType, { label: string; hint: string }>> = {
  npa: { label: 'Area codes', hint: 'Separated by commas: 212, 718' },
  'npa-nxx': { label: 'NPA-NXX prefixes', hint: 'Six digits each: 212555, 718222' },
  lata: { label: 'LATAs', hint: 'Three digits each: 132, 224' },
  state: { label: 'States or provinces', hint: 'Two letters each: TX, OK, ON' },
  country: { label: 'Countries', hint: 'NANP countries, two letters each: US, CA, JM' },
  'time-of-day': { label: 'Times', hint: 'Quarter hours, start to end: 08:00-12:00, 13:00-17:00' },
  date: { label: 'Dates', hint: 'MM-DD every year or YYYY-MM-DD once; ranges with "to": 12-24 to 12-26, 2026-11-26' },
};

const items = (text: string) => text.split(/[,;\n]+/).map((item) => item.trim()).filter(Boolean);

/** The values the text says, as the branch of a decision of `type` holds them. */
export function valuesFromText(type: DecisionType, text: string): Record<string, unknown> {
  switch (type) {
    case 'npa':
      return { npas: items(text) };
    case 'npa-nxx':
      return { prefixes: items(text).map((item) => item.replace(/[\s-]/g, '')) };
    case 'lata':
      return { latas: items(text) };
    case 'state':
      return { states: items(text).map((item) => item.toUpperCase()) };
    case 'country':
      return { countries: items(text).map((item) => item.toUpperCase()) };
    case 'time-of-day':
      return { ranges: items(text).map(timeRange) };
    case 'date':
      return { dates: items(text).map(dateRange) };
    default:
      return {};
  }
}

/** The branch's values written as the field shows them. */
export function textOfValues(branch: Branch): string {
  if ('npas' in branch) return branch.npas.join(', ');
  if ('prefixes' in branch) return branch.prefixes.join(', ');
  if ('latas' in branch) return branch.latas.join(', ');
  if ('states' in branch) return branch.states.join(', ');
  if ('countries' in branch) return branch.countries.join(', ');
  if ('ranges' in branch) return branch.ranges.map((range) => `${range.from}-${range.to}`).join(', ');
  if ('dates' in branch) return branch.dates.map((range) => (range.to && range.to !== range.from ? `${range.from} to ${range.to}` : range.from)).join(', ');
  return '';
}

/** "08:00-17:00" (an en dash or "to" too); a time without an end keeps an empty end, which validation names. */
function timeRange(item: string): TimeRange {
  const [from = '', to = ''] = item.split(/\s*(?:–|-|to)\s*/);
  return { from, to };
}

/** "12-24 to 12-26" or "2026-11-26": dates contain dashes, so a range is written with "to" (or an en dash). */
function dateRange(item: string): DateRange {
  const [from = '', to] = item.split(/\s*(?:–|\bto\b)\s*/);
  return to ? { from, to } : { from };
}
