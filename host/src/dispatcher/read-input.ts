import type { ValidateFunction } from 'ajv';
import { badRequest, type FieldError } from '@switchboard/sdk';
import { describeErrors } from '../validation/ajv.js';

/**
 * Validates each part of the input with its compiled schema and reports every problem at once,
 * each named by where it is (`body.title`, `query.limit`), so a form can show them all.
 */
export function checkInput(parts: Array<[name: 'params' | 'query' | 'body', value: unknown, validate: ValidateFunction | undefined]>): void {
  const fields: FieldError[] = [];
  for (const [name, value, validate] of parts) {
    if (!validate) continue;
    if (value === undefined && name === 'body') {
      fields.push({ field: 'body', message: 'is required' });
      continue;
    }
    if (!validate(value)) fields.push(...describeErrors(validate.errors, name));
  }
  if (fields.length) throw badRequest('The request has invalid fields.', fields);
}

/** The resource a scoped route acts on, read after validation. */
export function readResource(
  source: { param: string } | { query: string } | { body: string },
  input: { params: Record<string, string>; query: Record<string, unknown>; body: unknown },
): string | undefined {
  const pick = (from: unknown, key: string) => {
    const value = from && typeof from === 'object' ? (from as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  if ('param' in source) return pick(input.params, source.param);
  if ('query' in source) return pick(input.query, source.query);
  return pick(input.body, source.body);
}
