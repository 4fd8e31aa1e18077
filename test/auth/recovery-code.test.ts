import assert from 'node:assert/strict';
import { canonicalRecoveryCode } from '@switchboard/host/dist/auth/index.js';

describe('recovery code format', () => {
  it('reads a code however it was typed: case, spaces, dashes, and I/L/O for 1 and 0', () => {
    const canonical = '7K2M9QXA4HB01TRVW3EZ5N6P';
    assert.equal(canonicalRecoveryCode('7K2M-9QXA-4HB0-1TRV-W3EZ-5N6P'), canonical);
    assert.equal(canonicalRecoveryCode('7k2m 9qxa 4hbo itrv w3ez 5n6p'), canonical);
    assert.equal(canonicalRecoveryCode('7k2m9qxa4hbOLtrvw3ez5n6p'), canonical);
  });

  it('refuses what cannot be a code (wrong length, letters outside the alphabet)', () => {
    assert.equal(canonicalRecoveryCode(''), null);
    assert.equal(canonicalRecoveryCode('7K2M-9QXA-4HB0-1TRV-W3EZ'), null);
    assert.equal(canonicalRecoveryCode('7K2M-9QXA-4HB0-1TRV-W3EZ-5N6U'), null, 'U is not in Crockford base32');
  });
});
