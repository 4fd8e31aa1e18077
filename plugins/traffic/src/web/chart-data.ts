import type { ChartSeries } from '@switchboard/sdk/web';
import { measuresOf } from '../rollup/measures.js';
import { sumCounts } from '../rollup/rollup-row.js';
import { MINUTE_MS, minuteOf, type MinuteSeries } from './minute-series.js';

/** The minutes a window of `minutes` shows at `now`: the current minute and the ones before it. */
export function windowRange(now: number, minutes: number): { from: number; to: number } {
  const current = minuteOf(now);
  return { from: current - (minutes - 1) * MINUTE_MS, to: current + MINUTE_MS };
}

/** Calls per minute, answered and not: together the attempts. */
export function callsPerMinute(series: MinuteSeries, from: number, to: number): ChartSeries[] {
  const minutes = series.minutes(from, to);
  return [
    { name: 'Answered', points: minutes.map((m) => ({ time: m.start, value: m.counts.answered })) },
    { name: 'Not answered', points: minutes.map((m) => ({ time: m.start, value: m.counts.attempts - m.counts.answered })) },
  ];
}

/** ASR and NER per minute, percent; minutes without attempts have no ratio, so no point. */
export function ratiosPerMinute(series: MinuteSeries, from: number, to: number): ChartSeries[] {
  const measured = series.minutes(from, to).map((m) => ({ time: m.start, ...measuresOf(m.counts) }));
  const withAttempts = measured.filter((m) => m.attempts > 0);
  return [
    { name: 'ASR', points: withAttempts.map((m) => ({ time: m.time, value: round1(m.asr!) })) },
    { name: 'NER', points: withAttempts.map((m) => ({ time: m.time, value: round1(m.ner!) })) },
  ];
}

/** How many groups a chart draws: more lines than this cannot be told apart. */
export const TOP_GROUPS = 5;

/** Calls per minute of the busiest groups in the window, busiest first; `label` names a group's key. */
export function topGroupsPerMinute(groups: ReadonlyMap<string, MinuteSeries>, from: number, to: number, label: (key: string) => string, limit = TOP_GROUPS): ChartSeries[] {
  const ranked = [...groups]
    .map(([key, series]) => ({ key, minutes: series.minutes(from, to) }))
    .map((group) => ({ ...group, attempts: sumCounts(group.minutes.map((m) => m.counts)).attempts }))
    .filter((group) => group.attempts > 0)
    .sort((a, b) => b.attempts - a.attempts || a.key.localeCompare(b.key))
    .slice(0, limit);
  return ranked.map((group) => ({ name: label(group.key), points: group.minutes.map((m) => ({ time: m.start, value: m.counts.attempts })) }));
}

const round1 = (value: number) => Math.round(value * 10) / 10;
