/**
 * The toll-free codes in service in the North American Numbering Plan (800, 888, 877, 866, 855,
 * 844, 833). 822, 880-887 and 889 are reserved for later use and hold no numbers yet.
 */
export const TOLL_FREE_NPAS: readonly string[] = ['800', '833', '844', '855', '866', '877', '888'];

/** `+1`, a toll-free code, an exchange that starts with 2-9 (as every NANP exchange does), four digits. */
const E164_TOLL_FREE = /^\+1(8(?:00|33|44|55|66|77|88))[2-9]\d{6}$/;

/** True for a toll-free number written in E.164. */
export const isTollFreeE164 = (value: string): boolean => E164_TOLL_FREE.test(value);

/**
 * A toll-free number as people write it (`1-800-555-0100`, `(800) 555 0100`, `+18005550100`) in
 * E.164, or the reason it is not one.
 */
export function readTollFreeNumber(text: string): { number: string } | { problem: string } {
  const digits = text.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(digits)) return { problem: 'must be a telephone number: digits, with spaces, dashes, dots or parentheses' };
  const national = digits.replace(/^\+?1(?=\d{10}$)/, '');
  if (!/^\d{10}$/.test(national)) return { problem: 'must have 10 digits (with or without the leading 1)' };
  const number = `+1${national}`;
  if (!TOLL_FREE_NPAS.includes(national.slice(0, 3))) return { problem: `must start with a toll-free code (${TOLL_FREE_NPAS.join(', ')})` };
  if (!isTollFreeE164(number)) return { problem: 'must have an exchange (the three digits after the code) starting with 2 to 9' };
  return { number };
}
