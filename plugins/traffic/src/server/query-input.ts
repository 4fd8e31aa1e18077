import { badRequest, type FieldError } from '@switchboard/sdk';
import { formatInstant, parseInstant } from '../cdr/instants.js';
import { toE164 } from '../phone/e164.js';

/**
 * Reads the parts of a request the JSON schemas leave as text (instants, telephone numbers) and
 * collects every problem, so that one 400 names them all, by their place in the request.
 */
export class QueryInput {
  private readonly errors: FieldError[] = [];

  /** An instant as canonical UTC text, or undefined when absent or wrong. */
  instant(value: string | undefined, field: string): string | undefined {
    if (value === undefined) return undefined;
    const parsed = parseInstant(value);
    if ('problem' in parsed) return void this.errors.push({ field, message: parsed.problem });
    return formatInstant(parsed.ms);
  }

  /** A telephone number in E.164, or undefined when absent or wrong. */
  phoneNumber(value: string | undefined, field: string): string | undefined {
    if (value === undefined) return undefined;
    const e164 = toE164(value);
    if (e164 === null) return void this.errors.push({ field, message: 'is not a telephone number: use E.164 (+18005550100) or a North American form (800-555-0100)' });
    return e164;
  }

  /** Throws the 400 naming every problem found, if there was any. */
  check(): void {
    if (this.errors.length) throw badRequest('The request has invalid fields.', this.errors);
  }
}
