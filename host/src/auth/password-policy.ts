import type { FieldError } from '@switchboard/sdk';
import { isOnCommonList } from './common-passwords.js';
import { characterCount, normalizePassword } from './normalize.js';

/**
 * ASVS 4.0.3 2.1.1 asked 12; ASVS 5.0 6.2.1 asks 8 and strongly recommends 15. Twelve keeps a
 * memorable passphrase possible while ruling out the short passwords that are cracked first.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** ASVS 6.2.9 wants at least 64 allowed; the ceiling only bounds what one request can make us hash. */
export const PASSWORD_MAX_LENGTH = 128;

/** Who the password is for: it must not contain their login or their name (NIST 800-63B context words). */
export interface PasswordContext {
  login?: string | null;
  name?: string | null;
}

const FIELD = 'password';

/**
 * The reasons a new password is refused, as field errors for `password`; an empty array means it
 * is acceptable. No composition rules (ASVS 6.2.5): any characters, spaces included, count. The
 * password is judged as it will be hashed, after NFKC normalisation.
 */
export function checkPassword(password: string, context: PasswordContext = {}): FieldError[] {
  const normalised = normalizePassword(password);
  const length = characterCount(normalised);
  if (length === 0) return [problem('Enter a password.')];
  if (length > PASSWORD_MAX_LENGTH) return [problem(`Use at most ${PASSWORD_MAX_LENGTH} characters (this one has ${length}).`)];

  const errors: FieldError[] = [];
  if (length < PASSWORD_MIN_LENGTH) {
    errors.push(problem(`Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}). A few unrelated words make a long password that is easy to remember.`));
  }
  const lower = normalised.toLowerCase();
  if (containsAny(lower, loginWords(context.login))) {
    errors.push(problem('Do not use your login name in your password.'));
  }
  if (containsAny(lower, nameWords(context.name))) {
    errors.push(problem('Do not use your name in your password.'));
  }
  if (isCommon(lower)) {
    errors.push(problem('This password is too common and among the first an attacker tries. Choose something less predictable, such as a few unrelated words.'));
  }
  return errors;
}

function problem(message: string): FieldError {
  return { field: FIELD, message };
}

/**
 * True when the password, or what is left after taking off the digits and punctuation people add
 * around a word ("Password2024!"), or the unit it repeats ("monkeymonkey"), is on the common list;
 * or when the whole password is one to three characters repeated ("aaaaaaaaaaaa", "abcabcabcabc").
 */
function isCommon(lower: string): boolean {
  const whole = [lower, withoutSpaces(lower)];
  if (whole.some((form) => isShortRepetition(form))) return true;
  const forms = new Set<string>(whole);
  for (const form of whole) {
    const core = form.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (core) forms.add(core);
  }
  for (const form of [...forms]) forms.add(repeatedUnit(form));
  return [...forms].some(isOnCommonList);
}

function isShortRepetition(text: string): boolean {
  const unit = repeatedUnit(text);
  return unit !== text && characterCount(unit) <= 3;
}

/**
 * The shortest string the text is a repetition of ("abab" -> "ab"), or the text itself. Linear
 * work per candidate period and the text is at most PASSWORD_MAX_LENGTH, so no regex backtracking.
 */
function repeatedUnit(text: string): string {
  const chars = [...text];
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.length % period !== 0) continue;
    if (chars.every((char, index) => char === chars[index % period])) return chars.slice(0, period).join('');
  }
  return text;
}

/** The login, and for an e-mail-like login its local part and that part's pieces ("jane.doe" -> jane, doe). */
function loginWords(login: string | null | undefined): string[] {
  if (!login) return [];
  const whole = normalizePassword(login).trim().toLowerCase();
  const local = whole.includes('@') ? whole.slice(0, whole.lastIndexOf('@')) : whole;
  return [...wordsOf(whole, 3), ...wordsOf(local, 3), ...pieces(local)];
}

/** The name as written and without spaces ("Jane Doe", "janedoe"), and its parts ("jane", "doe"). */
function nameWords(name: string | null | undefined): string[] {
  if (!name) return [];
  const whole = normalizePassword(name).trim().toLowerCase();
  return [...wordsOf(whole, 3), ...wordsOf(withoutSpaces(whole), 3), ...pieces(whole)];
}

/**
 * The parts of a login or name. Parts shorter than four characters are left out: refusing every
 * password that contains "li" or "ann" would turn away good passphrases for nothing.
 */
function pieces(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((part) => characterCount(part) >= 4);
}

function wordsOf(text: string, minLength: number): string[] {
  return characterCount(text) >= minLength ? [text] : [];
}

function containsAny(lowerPassword: string, words: string[]): boolean {
  const compact = withoutSpaces(lowerPassword);
  return words.some((word) => lowerPassword.includes(word) || compact.includes(withoutSpaces(word)));
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/gu, '');
}
