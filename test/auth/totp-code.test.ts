import assert from 'node:assert/strict';
import { matchTotpCode, TOTP_PARAMETERS, totpStepAt, totpUri } from '@switchboard/host/dist/auth/index.js';

/** RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890" in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** Appendix B's SHA-1 vectors; the 8-digit values there end in these 6 digits. */
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '287082'], // 94287082
  [1111111109, '081804'], // 07081804
  [1111111111, '050471'], // 14050471
  [1234567890, '005924'], // 89005924
  [2000000000, '279037'], // 69279037
  [20000000000, '353130'], // 65353130
];

const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP codes (RFC 6238)', () => {
  it('uses SHA-1, 6 digits and 30-second steps, ±1 step', () => {
    assert.deepEqual({ ...TOTP_PARAMETERS }, { algorithm: 'sha1', digits: 6, periodSeconds: 30, windowSteps: 1, secretBytes: 20 });
  });

  it('matches the RFC 6238 Appendix B test vectors, answering the step each belongs to', async () => {
    for (const [seconds, code] of RFC_VECTORS) {
      assert.equal(await matchTotpCode({ secret: RFC_SECRET, code, at: at(seconds) }), Math.floor(seconds / 30), `T=${seconds}`);
    }
  });

  it('accepts a code one step early or late and refuses two', async () => {
    const step = totpStepAt(at(1111111109));
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '081804', at: at(1111111109 + 30) }), step);
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '081804', at: at(1111111109 - 30) }), step);
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '081804', at: at(1111111109 + 60) }), null);
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '081804', at: at(1111111109 - 60) }), null);
  });

  it('refuses a code of the last accepted step or an earlier one', async () => {
    const step = totpStepAt(at(1111111109));
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '081804', at: at(1111111109), afterStep: step - 1 }), step);
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '081804', at: at(1111111109), afterStep: step }), null);
    // A bound beyond the window (a clock set back) refuses rather than throws.
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '081804', at: at(1111111109), afterStep: step + 5 }), null);
  });

  it('ignores spaces, reads full-width digits, and refuses anything but six digits without throwing', async () => {
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: ' 081 804 ', at: at(1111111109) }), totpStepAt(at(1111111109)));
    assert.equal(await matchTotpCode({ secret: RFC_SECRET, code: '０８１８０４', at: at(1111111109) }), totpStepAt(at(1111111109)));
    for (const code of ['', '81804', '0818045', '08180a', '07081804', '٠٨١٨٠٤']) {
      assert.equal(await matchTotpCode({ secret: RFC_SECRET, code, at: at(1111111109) }), null, JSON.stringify(code));
    }
  });

  it('labels the otpauth URI with the brand as issuer and the login as account', () => {
    const uri = new URL(totpUri(RFC_SECRET, 'Northwind Telecom', 'jane@acme.example'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/Northwind Telecom:jane@acme.example');
    assert.equal(uri.searchParams.get('issuer'), 'Northwind Telecom');
    assert.equal(uri.searchParams.get('secret'), RFC_SECRET);
  });
});
