import type { FieldError } from '@switchboard/sdk';

/** What switches write for a caller who withheld or did not send a number. */
const WITHHELD = new Set(['', 'anonymous', 'unknown', 'unavailable', 'restricted', 'private', 'blocked', 'withheld']);

/** The calling number as written, or null when the equipment says there was none to show. */
export function presentedNumber(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  return WITHHELD.has(text.toLowerCase()) || /^0+$/.test(text) ? null : text;
}

/**
 * Errors from the canonical validator name canonical fields (`dialedNumber`, "is before
 * startedAt"); a switch's operator needs them in their own equipment's terms (`dst`, "is before
 * start"), in the field and in the message alike.
 */
export function inEquipmentTerms(errors: readonly FieldError[], names: Readonly<Record<string, string>>): FieldError[] {
  const rename = (word: string) => names[word] ?? word;
  return errors.map((error) => ({ field: rename(error.field), message: error.message.replace(/\b[a-z]+[A-Z]\w*\b/g, rename) }));
}
