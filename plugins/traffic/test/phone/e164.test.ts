import assert from 'node:assert/strict';
import { toE164 } from '../../src/phone/e164.js';

describe('traffic: telephone numbers to E.164', () => {
  it('normalises the North American forms equipment and people write', () => {
    for (const form of ['+18005550199', '+1 800 555 0199', '+1 (800) 555-0199', '18005550199', '1-800-555-0199', '1 (800) 555-0199', '8005550199', '(800) 555-0199', '800-555-0199', '800.555.0199', ' 800 555 0199 ', 'tel:+1-800-555-0199', 'tel:+18005550199;phone-context=example.com']) {
      assert.equal(toE164(form), '+18005550199', form);
    }
  });

  it('keeps international numbers, written with + or the NANP international prefix 011', () => {
    assert.equal(toE164('+44 20 7946 0958'), '+442079460958');
    assert.equal(toE164('011 44 20 7946 0958'), '+442079460958');
    assert.equal(toE164('+6834002'), '+6834002');
  });

  it('refuses what is not a whole, valid number', () => {
    for (const bad of ['', '555-0199', '800-555-019', '+1 800 555 01999', '0800 555 0199', '1-100-555-0199', '800-155-0199', '+1 011 555 0199', '1-800-FLOWERS', '800-555-0199 x12', '*67 800 555 0199', '+0 44 20 7946 0958', '+4412', 's', 'anonymous']) {
      assert.equal(toE164(bad), null, bad);
    }
  });
});
