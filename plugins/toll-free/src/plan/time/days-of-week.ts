import { DAYS_OF_WEEK, type DayOfWeek } from '../model.js';

/** 'mon' -> 1, with Sunday 0 as Date#getUTCDay counts. */
export const dayIndex = (day: DayOfWeek): number => DAYS_OF_WEEK.indexOf(day);

const NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Days in words, runs of three or more joined: ['mon','tue','wed','thu','fri','sun'] -> 'Sun, Mon–Fri'. */
export function describeDays(days: readonly DayOfWeek[]): string {
  const present = [...new Set(days.map(dayIndex))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < present.length; ) {
    let j = i;
    while (j + 1 < present.length && present[j + 1] === present[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${NAMES[present[i]!]}–${NAMES[present[j]!]}`);
    else for (let k = i; k <= j; k++) parts.push(NAMES[present[k]!]!);
    i = j + 1;
  }
  return parts.join(', ');
}
