import type { VersionState } from './answers.js';

// Numbers, times and states as the pages write them for people.

/** A North American number as people there write it ("800-555-0100"); any other stays in E.164. */
export function formatNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `${nanp[1]}-${nanp[2]}-${nanp[3]}` : number;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An instant on the user's clock, or a dash. */
export const formatWhen = (instant: string | null | undefined): string => (instant ? when.format(new Date(instant)) : '—');

export const STATE_LABELS: Readonly<Record<VersionState, string>> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  active: 'Active',
  superseded: 'Superseded',
};
