/** The letters on each key of a telephone keypad (ITU E.161). */
const KEYPAD: Readonly<Record<string, string>> = {
  A: '2', B: '2', C: '2',
  D: '3', E: '3', F: '3',
  G: '4', H: '4', I: '4',
  J: '5', K: '5', L: '5',
  M: '6', N: '6', O: '6',
  P: '7', Q: '7', R: '7', S: '7',
  T: '8', U: '8', V: '8',
  W: '9', X: '9', Y: '9', Z: '9',
};

export const MAX_PATTERN_LENGTH = 24;

/**
 * A search pattern for spare numbers, as a customer types a vanity number: digits, letters (each
 * stands for its keypad digit: `800-FLOWERS` is 800-356-9377), `?` for any one digit and `*` for
 * any run of digits. Spaces, dashes, dots and parentheses are ignored. Without `*` the pattern
 * covers all ten digits (a leading 1 may be given); with `*` it may be shorter.
 *
 * Returns the pattern as an SQL LIKE over E.164 numbers (`+1800356937_`), or the reason it is not one.
 */
export function vanityPattern(text: string): { like: string } | { problem: string } {
  if (text.length > MAX_PATTERN_LENGTH) return { problem: `must be at most ${MAX_PATTERN_LENGTH} characters` };
  const compact = text.replace(/[\s().-]/g, '').toUpperCase();
  if (!/^[0-9A-Z?*]+$/.test(compact)) return { problem: 'may hold only digits, letters, ? (any digit) and * (any digits)' };
  if (!/[0-9A-Z?]/.test(compact)) return { problem: 'must name at least one digit, letter or ?' };
  const mapped = [...compact].map((char) => KEYPAD[char] ?? char).join('');
  if (compact.includes('*')) return { like: `+1${mapped.replace(/\*+/g, '%').replace(/\?/g, '_')}` };
  const national = mapped.length === 11 && mapped.startsWith('1') ? mapped.slice(1) : mapped;
  if (national.length !== 10) {
    return { problem: `must stand for all 10 digits of a number (it stands for ${national.length}), such as 800-FLOWERS or 8??-555-01??; use * for any run of digits` };
  }
  return { like: `+1${national.replace(/\?/g, '_')}` };
}
