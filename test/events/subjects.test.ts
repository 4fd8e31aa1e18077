import assert from 'node:assert/strict';
import { assertValidPattern, assertValidSubject, matchesSubject } from '@switchboard/host/dist/events/index.js';

describe('event subjects', () => {
  it('match patterns as NATS does', () => {
    const cases: [string, string, boolean][] = [
      ['traffic.call', 'traffic.call', true],
      ['traffic.call', 'traffic.calls', false],
      ['traffic.*', 'traffic.call', true],
      ['traffic.*', 'traffic.call.committed', false],
      ['traffic.*', 'traffic', false],
      ['*.call', 'traffic.call', true],
      ['traffic.>', 'traffic.call', true],
      ['traffic.>', 'traffic.call.committed', true],
      ['traffic.>', 'traffic', false],
      ['>', 'traffic.call', true],
      ['traffic.*.committed', 'traffic.call.committed', true],
      ['traffic.*.committed', 'traffic.call.rejected', false],
    ];
    for (const [pattern, subject, expected] of cases) {
      assert.equal(matchesSubject(pattern, subject), expected, `${pattern} vs ${subject}`);
    }
  });

  it('refuse malformed subjects and patterns, naming them', () => {
    for (const subject of ['', 'traffic.', '.traffic', 'traffic..call', 'traffic call', 'traffic.*', 'traffic.>']) {
      assert.throws(() => assertValidSubject(subject), (error: Error) => error.message.includes(`"${subject}"`), subject);
    }
    assert.doesNotThrow(() => assertValidSubject('toll-free.plan_v2.activated'));
    for (const pattern of ['traffic.>.call', 'traffic.**', '']) {
      assert.throws(() => assertValidPattern(pattern), (error: Error) => error.message.includes(`"${pattern}"`), pattern);
    }
    assert.doesNotThrow(() => assertValidPattern('*.call.>'));
  });
});
