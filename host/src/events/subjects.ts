/**
 * Subjects are dot-separated tokens (`traffic.call.committed`); patterns may use `*` for exactly
 * one token and `>` as the last token for one or more tokens, as NATS does, so that a pattern
 * means the same on the in-process bus and on JetStream.
 */
const TOKEN = /^[A-Za-z0-9_-]+$/;

export function assertValidSubject(subject: string): void {
  if (typeof subject !== 'string' || !subject.split('.').every((token) => TOKEN.test(token))) {
    throw new Error(`Invalid event subject "${String(subject)}": use dot-separated words of letters, digits, "_" and "-"`);
  }
}

export function assertValidPattern(pattern: string): void {
  const tokens = typeof pattern === 'string' ? pattern.split('.') : [''];
  const valid = tokens.every((token, index) => TOKEN.test(token) || token === '*' || (token === '>' && index === tokens.length - 1));
  if (!valid) {
    throw new Error(
      `Invalid event pattern "${String(pattern)}": use dot-separated words, "*" for one word, and ">" only as the last word`,
    );
  }
}

export function matchesSubject(pattern: string, subject: string): boolean {
  const wanted = pattern.split('.');
  const actual = subject.split('.');
  for (let index = 0; index < wanted.length; index++) {
    const token = wanted[index];
    if (token === '>') return actual.length > index;
    if (index >= actual.length) return false;
    if (token !== '*' && token !== actual[index]) return false;
  }
  return wanted.length === actual.length;
}
