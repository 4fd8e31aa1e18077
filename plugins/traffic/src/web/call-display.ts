import type { Disposition } from '../cdr/call-record.js';
import type { GroupDimension } from './traffic-answers.js';

// How the monitor writes numbers, times and outcomes for people. Pure, so the unit tests run it.

/**
 * A North American E.164 number as people there write it ("800-555-0199"), short enough for a
 * table on a laptop; any other number stays in E.164, whose "+" tells it apart.
 */
export function formatNumber(number: string | null): string {
  if (!number) return 'Withheld';
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `${nanp[1]}-${nanp[2]}-${nanp[3]}` : number;
}

const DISPOSITION_LABELS: Readonly<Record<Disposition, string>> = {
  answered: 'Answered',
  busy: 'Busy',
  'no-answer': 'No answer',
  failed: 'Failed',
  blocked: 'Blocked',
};

export const dispositionLabel = (disposition: Disposition): string => DISPOSITION_LABELS[disposition];

/** Seconds as "3:07" or "1:02:03". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A group's name in a chart legend or a filter: its key, or what having none means. */
export function groupLabel(dimension: GroupDimension, key: string): string {
  if (dimension === 'dialedNumber') return formatNumber(key);
  if (key) return dimension === 'destination' ? formatNumber(key) : key;
  return dimension === 'destination' ? 'No destination' : 'No call center';
}

/** A measure that may have nothing to measure: "—" then, rather than a misleading 0. */
export function formatMeasure(value: number | null, unit: '%' | 's'): string {
  if (value === null) return '—';
  // A no-break space keeps the figure and its unit on one line in a narrow tile.
  return unit === '%' ? `${value.toFixed(1)}\u00a0%` : formatDuration(Math.round(value));
}
