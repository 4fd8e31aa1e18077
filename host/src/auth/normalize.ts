/**
 * Unicode NFKC, so that a password is the same string however it was typed: composed or
 * decomposed accents, full-width forms from an East Asian input method, ligatures. NIST SP 800-63B
 * recommends normalising before hashing; nothing else is changed (no trimming, no case folding:
 * ASVS 6.2.8 wants the password verified exactly as typed).
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * The form of a login name used to count failed sign-ins: NFKC, trimmed, lower-cased. Looser than
 * the directory's own comparison on purpose, so that "Alice", " alice" and "ＡＬＩＣＥ" share one
 * counter and a guesser gains nothing by varying case, spacing or width.
 */
export function normalizeLogin(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase();
}

/** The length a user would count: code points, not UTF-16 units (an emoji is one character). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
