/** Axis arithmetic for sb-chart, kept apart from the element so it can be tested without a browser. */

export interface NumberTicks {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * Round tick values (1, 2 or 5 times a power of ten) covering [min, max] with about `count`
 * intervals. `integer` keeps the step at 1 or more, for counts.
 */
export function niceTicks(min: number, max: number, count = 5, integer = false): NumberTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, step: 1, ticks: [0, 1] };
  if (min === max) {
    max = min === 0 ? 1 : min + Math.abs(min) * 0.1;
    if (min > 0) min = 0;
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  let step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  if (integer) step = Math.max(1, Math.round(step));
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounding to the step's precision keeps 0.30000000000000004 out of the labels.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { min: lo, max: hi, step, ticks };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

type TimeUnit = { kind: 'ms'; size: number } | { kind: 'day'; days: number } | { kind: 'month'; months: number };

const UNITS: { approx: number; unit: TimeUnit }[] = [
  ...[1, 5, 15, 30].map((m) => ({ approx: m * MINUTE, unit: { kind: 'ms', size: m * MINUTE } as TimeUnit })),
  ...[1, 3, 6, 12].map((h) => ({ approx: h * HOUR, unit: { kind: 'ms', size: h * HOUR } as TimeUnit })),
  ...[1, 2, 7, 14].map((d) => ({ approx: d * DAY, unit: { kind: 'day', days: d } as TimeUnit })),
  ...[1, 3, 6, 12].map((m) => ({ approx: m * 30 * DAY, unit: { kind: 'month', months: m } as TimeUnit })),
];

export interface TimeTicks {
  ticks: number[];
  /** The step, roughly, in milliseconds: picks how ticks are labelled. */
  step: number;
}

/**
 * Tick times between start and end (epoch ms) on local-time boundaries people read easily: whole
 * minutes and hours, midnights, the first of a month. At most `maxTicks` of them.
 */
export function timeTicks(start: number, end: number, maxTicks = 6): TimeTicks {
  const span = Math.max(end - start, MINUTE);
  const choice = UNITS.find((u) => span / u.approx <= maxTicks) ?? UNITS[UNITS.length - 1]!;
  const ticks: number[] = [];
  const unit = choice.unit;
  if (unit.kind === 'ms') {
    // Align to the local clock, not to UTC: 09:00 here, not 09:00 in Greenwich.
    const offset = -new Date(start).getTimezoneOffset() * MINUTE;
    for (let t = Math.ceil((start + offset) / unit.size) * unit.size - offset; t <= end; t += unit.size) ticks.push(t);
  } else if (unit.kind === 'day') {
    const d = new Date(start);
    d.setHours(0, 0, 0, 0);
    if (d.getTime() < start) d.setDate(d.getDate() + 1);
    // setDate rather than adding 24 h, so a daylight-saving change keeps ticks on midnight.
    for (; d.getTime() <= end; d.setDate(d.getDate() + unit.days)) ticks.push(d.getTime());
  } else {
    const d = new Date(start);
    d.setHours(0, 0, 0, 0);
    d.setDate(1);
    if (d.getTime() < start) d.setMonth(d.getMonth() + 1);
    while (d.getMonth() % unit.months !== 0) d.setMonth(d.getMonth() + 1);
    for (; d.getTime() <= end; d.setMonth(d.getMonth() + unit.months)) ticks.push(d.getTime());
  }
  return { ticks, step: choice.approx };
}

/** How a time reads at a given tick step: times of day below a day, dates above, months above a month. */
export function timeFormat(step: number): Intl.DateTimeFormatOptions {
  if (step < DAY) return { hour: '2-digit', minute: '2-digit' };
  if (step < 28 * DAY) return { month: 'short', day: 'numeric' };
  return { month: 'short', year: 'numeric' };
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}
