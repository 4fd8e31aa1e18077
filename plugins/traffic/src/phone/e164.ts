/**
 * Telephone numbers to E.164 (`+` and up to 15 digits), from the forms North American equipment
 * and people write: `+1 800 555 0100`, `1-800-555-0100`, `(800) 555-0100`, `800.555.0100`,
 * `8005550100`, `tel:+18005550100`, and international numbers as `+44 20 7946 0958` or with
 * the NANP international prefix `011 44 20 7946 0958`.
 */

/** Spaces, dashes, dots and parentheses are only grouping; anything else (letters, `*`, `#`, `x123`) is refused. */
const GROUPING = /[\s().-]/g;
const NANP_TEN = /^[2-9]\d\d[2-9]\d{6}$/;
/** E.164 allows 15 digits; the shortest numbers in service (small Pacific countries) have 7. */
const INTERNATIONAL = /^[2-9]\d{6,14}$/;

/** The number in E.164, or null when it is not a telephone number in a form this understands. */
export function toE164(raw: string): string | null {
  let text = raw.trim();
  if (/^tel:/i.test(text)) text = text.slice(4).split(';')[0]!;
  const international = text.startsWith('+');
  const digits = (international ? text.slice(1) : text).replace(GROUPING, '');
  if (!/^\d+$/.test(digits)) return null;
  if (international) return fromCountryCode(digits);
  if (digits.startsWith('011')) return fromCountryCode(digits.slice(3));
  if (digits.length === 11 && digits.startsWith('1')) return nanp(digits.slice(1));
  if (digits.length === 10) return nanp(digits);
  return null;
}

/** Digits after `+` or `011`: NANP (country code 1) must be a whole, valid NANP number. */
function fromCountryCode(digits: string): string | null {
  if (digits.startsWith('1')) return digits.length === 11 ? nanp(digits.slice(1)) : null;
  return INTERNATIONAL.test(digits) ? `+${digits}` : null;
}

/** NANP numbers: neither the area code nor the exchange starts with 0 or 1. */
function nanp(ten: string): string | null {
  return NANP_TEN.test(ten) ? `+1${ten}` : null;
}
