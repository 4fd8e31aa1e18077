import assert from 'node:assert/strict';
import { isKnownTimeZone, ZoneOffsets } from '../../src/plan/time/zone-offsets.js';
import { seededRandom } from '../support/switchboard.js';

// The offsets table must agree with Intl (ICU's zone data) at every instant, including zones
// whose offsets or changes are not whole hours.

const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(zone: string, instant: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(instant / 1000) * 1000;
}

describe('toll-free: UTC offsets of time zones', () => {
  const zones = ['America/New_York', 'America/St_Johns', 'America/Phoenix', 'Pacific/Honolulu', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London', 'UTC'];

  it('agrees with Intl at random instants from 1990 to 2060 and every minute (and a second before it) of the days of 2026 with a change', () => {
    const random = seededRandom(5);
    for (const zone of zones) {
      const offsets = new ZoneOffsets(zone);
      for (let i = 0; i < 150; i++) {
        const instant = Date.UTC(1990, 0, 1) + Math.floor(random() * 70 * 365.25 * 86_400_000);
        assert.equal(offsets.offsetAt(instant), intlOffset(zone, instant), `${zone} at ${new Date(instant).toISOString()}`);
      }
      for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
        if (intlOffset(zone, day) === intlOffset(zone, day + 86_400_000)) continue;
        for (let instant = day; instant <= day + 86_400_000; instant += 60_000) {
          for (const probe of [instant - 1_000, instant]) assert.equal(offsets.offsetAt(probe), intlOffset(zone, probe), `${zone} at ${new Date(probe).toISOString()}`);
        }
      }
    }
  });

  it('tells known zones from unknown ones', () => {
    assert.ok(isKnownTimeZone('America/Chicago'));
    assert.ok(isKnownTimeZone('UTC'));
    assert.ok(!isKnownTimeZone('America/Springfield'));
    assert.ok(!isKnownTimeZone('EST+5'));
    assert.throws(() => new ZoneOffsets('Mars/Olympus_Mons'), RangeError);
  });
});
