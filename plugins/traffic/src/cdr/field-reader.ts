import type { FieldError } from '@switchboard/sdk';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

interface TextRule {
  required?: boolean;
  /** Longest value accepted, in characters; default 128. */
  max?: number;
}

/**
 * Reads typed fields out of an untrusted object and collects one error per bad field, so that a
 * sender learns everything wrong with a record at once. Absent and null mean the same for optional
 * fields: both give null.
 */
export class FieldReader {
  readonly errors: FieldError[] = [];

  constructor(private readonly input: Readonly<Record<string, unknown>>) {}

  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  has(field: string): boolean {
    return this.input[field] !== undefined && this.input[field] !== null;
  }

  /** Trimmed text; undefined after an error, null when optional and absent. */
  text(field: string, { required = false, max = 128 }: TextRule = {}): string | null | undefined {
    const value = this.input[field];
    if (value === undefined || value === null) return this.missing(field, required);
    if (typeof value !== 'string') return this.wrongType(field, 'a string', value);
    const text = value.trim();
    if (text === '') return required ? this.missing(field, true) : null;
    if (text.length > max) return void this.fail(field, `is longer than ${max} characters`);
    if (CONTROL.test(text)) return void this.fail(field, 'contains control characters');
    return text;
  }

  /** One of a fixed list of words. */
  oneOf<T extends string>(field: string, values: readonly T[], required = true): T | null | undefined {
    const value = this.input[field];
    if (value === undefined || value === null) return this.missing(field, required);
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      return void this.fail(field, `must be one of ${values.join(', ')}`);
    }
    return value as T;
  }

  /** A whole number within bounds. */
  integer(field: string, min: number, max: number, required = false): number | null | undefined {
    const value = this.input[field];
    if (value === undefined || value === null) return this.missing(field, required);
    if (typeof value !== 'number') return this.wrongType(field, 'a whole number', value);
    if (!Number.isInteger(value)) return void this.fail(field, 'must be a whole number');
    if (value < min || value > max) return void this.fail(field, `must be between ${min} and ${max}`);
    return value;
  }

  private missing(field: string, required: boolean): null | undefined {
    if (!required) return null;
    this.fail(field, 'is required');
    return undefined;
  }

  private wrongType(field: string, expected: string, value: unknown): undefined {
    const actual = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    this.fail(field, `must be ${expected}, not ${actual}`);
    return undefined;
  }
}
