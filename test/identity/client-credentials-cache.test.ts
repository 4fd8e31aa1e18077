import assert from 'node:assert/strict';
import { ClientCredentialsCache } from '@switchboard/host/dist/identity/client-credentials-cache.js';

describe("network clients' stored credentials, kept a short while for HTTP Basic", () => {
  let now = Date.parse('2026-11-26T12:00:00Z');
  const clock = () => now;
  const proxy = { kind: 'network-element', secretHash: 'scrypt$proxy' };

  it('gives back what was read for a client until its time is up, then has it read again', () => {
    const cache = new ClientCredentialsCache(60_000, 10, clock);
    assert.equal(cache.get('client_1'), undefined, 'nothing before it is read');
    cache.remember('client_1', proxy);
    assert.deepEqual(cache.get('client_1'), proxy);
    now += 59_999;
    assert.deepEqual(cache.get('client_1'), proxy);
    now += 1;
    assert.equal(cache.get('client_1'), undefined, 'a minute on: read from the database again');
  });

  it('holds at most its capacity, letting the oldest go first, and a client read again is the newest', () => {
    const cache = new ClientCredentialsCache(60_000, 2, clock);
    cache.remember('one', proxy);
    cache.remember('two', proxy);
    cache.remember('one', { ...proxy, secretHash: 'scrypt$again' });
    cache.remember('three', proxy);
    assert.deepEqual(['one', 'two', 'three'].map((id) => cache.get(id)?.secretHash), ['scrypt$again', undefined, 'scrypt$proxy']);
  });
});
