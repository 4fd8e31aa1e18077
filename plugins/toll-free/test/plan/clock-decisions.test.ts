import assert from 'node:assert/strict';
import { compilePlan } from '../../src/plan/compile/compile-plan.js';
import { call, plan, toCenter } from '../support/plans.js';

// Clock nodes read the call's instant on the wall clock of their own zone, daylight saving
// included. In 2026, New York's clocks go forward on March 8 (02:00 EST -> 03:00 EDT, at 07:00
// UTC) and back on November 1 (02:00 EDT -> 01:00 EST, at 06:00 UTC).

const where = (compiled: ReturnType<typeof compilePlan>, at: string) => compiled.decide(call({ at })).action.id;

/** The action taken each minute from `from` (inclusive) to `to` (exclusive), UTC. */
function minuteByMinute(compiled: ReturnType<typeof compilePlan>, from: string, to: string): string[] {
  const taken: string[] = [];
  for (let at = Date.parse(from); at < Date.parse(to); at += 60_000) taken.push(compiled.decide(call({ at: new Date(at) })).action.id);
  return taken;
}
const count = (taken: string[], id: string) => taken.filter((t) => t === id).length;

describe('toll-free: routing decisions by time of day, day of week and date', () => {
  describe('time of day (America/New_York)', () => {
    const compiled = compilePlan(
      plan({
        id: 'hours',
        type: 'time-of-day',
        timeZone: 'America/New_York',
        branches: [
          { ranges: [{ from: '00:00', to: '01:00' }], next: toCenter('early') },
          { ranges: [{ from: '01:00', to: '02:00' }], next: toCenter('one') },
          { ranges: [{ from: '02:00', to: '03:00' }], next: toCenter('two') },
          { ranges: [{ from: '08:00', to: '17:00' }], next: toCenter('day') },
          { ranges: [{ from: '17:00', to: '24:00' }], next: toCenter('evening') },
        ],
        other: toCenter('night'),
      }),
    );

    it('includes a range\'s start and excludes its end', () => {
      assert.equal(where(compiled, '2026-06-10T11:59:59Z'), 'to-night', '07:59:59 EDT');
      assert.equal(where(compiled, '2026-06-10T12:00:00Z'), 'to-day', '08:00 EDT');
      assert.equal(where(compiled, '2026-06-10T20:59:59.999Z'), 'to-day', '16:59:59.999 EDT');
      assert.equal(where(compiled, '2026-06-10T21:00:00Z'), 'to-evening', '17:00 EDT');
    });

    it('turns the day at local midnight: 24:00 ends a range, 00:00 starts the next day\'s', () => {
      assert.equal(where(compiled, '2026-06-11T03:59:59Z'), 'to-evening', '23:59:59 EDT');
      assert.equal(where(compiled, '2026-06-11T04:00:00Z'), 'to-early', '00:00 EDT');
      assert.equal(where(compiled, '2026-01-15T04:59:59Z'), 'to-evening', '23:59:59 EST');
      assert.equal(where(compiled, '2026-01-15T05:00:00Z'), 'to-early', '00:00 EST');
    });

    it('on the spring-forward day skips 02:00-02:59: that branch gets no call, 01:59 is followed by 03:00', () => {
      assert.equal(where(compiled, '2026-03-08T06:59:59Z'), 'to-one', '01:59:59 EST');
      assert.equal(where(compiled, '2026-03-08T07:00:00Z'), 'to-night', '03:00 EDT');
      const taken = minuteByMinute(compiled, '2026-03-08T05:00:00Z', '2026-03-08T13:00:00Z');
      assert.equal(count(taken, 'to-two'), 0);
      assert.equal(count(taken, 'to-one'), 60);
      assert.equal(count(taken, 'to-day'), 60, '08:00 EDT is 12:00 UTC');
    });

    it('on the fall-back day runs 01:00-01:59 twice, both times in its branch', () => {
      assert.equal(where(compiled, '2026-11-01T05:30:00Z'), 'to-one', '01:30 EDT');
      assert.equal(where(compiled, '2026-11-01T06:30:00Z'), 'to-one', '01:30 EST, an hour later');
      assert.equal(where(compiled, '2026-11-01T07:00:00Z'), 'to-two', '02:00 EST');
      const taken = minuteByMinute(compiled, '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z');
      assert.deepEqual([count(taken, 'to-early'), count(taken, 'to-one'), count(taken, 'to-two')], [60, 120, 60]);
    });
  });

  describe('day of week', () => {
    const compiled = compilePlan(
      plan({
        id: 'days',
        type: 'day-of-week',
        timeZone: 'America/Los_Angeles',
        branches: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], next: toCenter('weekday') },
          { days: ['sat'], next: toCenter('saturday') },
        ],
        other: toCenter('sunday'),
      }),
    );

    it('changes day at the zone\'s midnight, not at UTC\'s', () => {
      assert.equal(where(compiled, '2026-06-13T06:59:59Z'), 'to-weekday', 'Friday 23:59:59 PDT, already Saturday in UTC');
      assert.equal(where(compiled, '2026-06-13T07:00:00Z'), 'to-saturday', 'Saturday 00:00 PDT');
      assert.equal(where(compiled, '2026-06-15T06:59:59Z'), 'to-sunday', 'Sunday 23:59:59 PDT');
      assert.equal(where(compiled, '2026-06-15T07:00:00Z'), 'to-weekday', 'Monday 00:00 PDT');
    });

    it('keeps the day whole across a clock change: the fall-back Sunday lasts 25 hours', () => {
      assert.equal(where(compiled, '2026-11-01T07:00:00Z'), 'to-sunday', 'Sunday 00:00 PDT');
      const taken = minuteByMinute(compiled, '2026-11-01T06:00:00Z', '2026-11-02T10:00:00Z');
      assert.equal(count(taken, 'to-sunday'), 25 * 60);
    });
  });

  describe('date', () => {
    const compiled = compilePlan(
      plan({
        id: 'dates',
        type: 'date',
        timeZone: 'America/Chicago',
        branches: [
          { dates: [{ from: '12-24', to: '12-26' }], next: toCenter('christmas') },
          { dates: [{ from: '2026-11-26' }], next: toCenter('thanksgiving') },
          { dates: [{ from: '12-31', to: '01-01' }], next: toCenter('new-year') },
          { dates: [{ from: '02-29' }], next: toCenter('leap-day') },
        ],
        other: toCenter('normal'),
      }),
    );

    it('includes both ends of a range, in the zone\'s days', () => {
      assert.equal(where(compiled, '2026-12-24T05:59:59Z'), 'to-normal', 'Dec 23 23:59:59 CST');
      assert.equal(where(compiled, '2026-12-24T06:00:00Z'), 'to-christmas', 'Dec 24 00:00 CST');
      assert.equal(where(compiled, '2026-12-27T05:59:59Z'), 'to-christmas', 'the last day, Dec 26 23:59:59 CST');
      assert.equal(where(compiled, '2026-12-27T06:00:00Z'), 'to-normal', 'Dec 27 00:00 CST');
    });

    it('repeats MM-DD dates every year, over New Year too, and keeps YYYY-MM-DD dates to that day', () => {
      assert.equal(where(compiled, '2031-12-25T18:00:00Z'), 'to-christmas');
      assert.equal(where(compiled, '2026-12-31T18:00:00Z'), 'to-new-year');
      assert.equal(where(compiled, '2027-01-01T18:00:00Z'), 'to-new-year');
      assert.equal(where(compiled, '2027-01-02T18:00:00Z'), 'to-normal');
      assert.equal(where(compiled, '2026-11-26T18:00:00Z'), 'to-thanksgiving');
      assert.equal(where(compiled, '2027-11-26T18:00:00Z'), 'to-normal', 'a one-time date does not come back');
    });

    it('takes February 29 only in leap years, and March 1 is never mistaken for it', () => {
      assert.equal(where(compiled, '2028-02-29T18:00:00Z'), 'to-leap-day');
      assert.equal(where(compiled, '2028-03-01T18:00:00Z'), 'to-normal');
      assert.equal(where(compiled, '2027-03-01T18:00:00Z'), 'to-normal');
      assert.equal(where(compiled, '2027-02-28T18:00:00Z'), 'to-normal');
    });
  });
});
