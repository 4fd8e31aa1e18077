import assert from 'node:assert/strict';
import { ZoneClock } from '../../src/parsers/zone-clock.js';

const iso = (instants: number[]) => instants.map((instant) => new Date(instant).toISOString());

describe('traffic: wall-clock times of a time zone', () => {
  it('gives one instant for an ordinary time', () => {
    assert.deepEqual(iso(new ZoneClock('America/Chicago').instantsAt(2024, 7, 1, 12, 0, 0)), ['2024-07-01T17:00:00.000Z']);
    assert.deepEqual(iso(new ZoneClock('America/Phoenix').instantsAt(2024, 7, 1, 12, 0, 0)), ['2024-07-01T19:00:00.000Z']);
    assert.deepEqual(iso(new ZoneClock('America/St_Johns').instantsAt(2024, 1, 15, 9, 0, 0)), ['2024-01-15T12:30:00.000Z']);
  });

  it('gives both instants in the hour repeated when clocks go back, earlier first', () => {
    assert.deepEqual(iso(new ZoneClock('America/New_York').instantsAt(2024, 11, 3, 1, 30, 0)), ['2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z']);
  });

  it('gives none in the hour skipped when clocks go forward', () => {
    assert.deepEqual(new ZoneClock('America/New_York').instantsAt(2024, 3, 10, 2, 30, 0), []);
    assert.deepEqual(iso(new ZoneClock('America/New_York').instantsAt(2024, 3, 10, 3, 0, 0)), ['2024-03-10T07:00:00.000Z']);
  });

  it('refuses a zone it does not know', () => {
    assert.throws(() => new ZoneClock('Mars/Olympus_Mons'), RangeError);
  });
});
