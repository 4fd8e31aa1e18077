import assert from 'node:assert/strict';
import { VerifiedTokens } from '@switchboard/host/dist/identity/verified-tokens.js';

describe('verified access tokens, kept until they expire', () => {
  let now = Date.parse('2026-11-26T12:00:00Z');
  const clock = () => now;
  const inSeconds = (seconds: number) => Math.floor(now / 1000) + seconds;

  it('gives back what a token said until its expiry, then asks for it to be verified again', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('token-a', { sub: 'client_1', client_id: 'client_1', exp: inSeconds(600) });
    assert.equal(tokens.get('token-a')?.client_id, 'client_1');
    assert.equal(tokens.get('token-a-but-longer'), undefined, 'a token differing in any byte is another token');
    now += 599_000;
    assert.equal(tokens.get('token-a')?.sub, 'client_1');
    now += 1_000;
    assert.equal(tokens.get('token-a'), undefined, 'expired: verified afresh, and refused there');
  });

  it('never keeps a token without an expiry', () => {
    const tokens = new VerifiedTokens(10, clock);
    tokens.remember('forever', { sub: 'client_1' });
    assert.equal(tokens.get('forever'), undefined);
  });

  it('holds at most its capacity, letting the oldest go first', () => {
    const tokens = new VerifiedTokens(2, clock);
    for (const name of ['one', 'two', 'three']) tokens.remember(name, { sub: name, exp: inSeconds(600) });
    assert.deepEqual(['one', 'two', 'three'].map((name) => tokens.get(name)?.sub), [undefined, 'two', 'three']);
  });
});
