import { validateCallRecord } from '../cdr/validate-call-record.js';
import type { ParsedRecord } from './parsed-record.js';

/** The records of a JSON array body, or why the body as a whole is not one. */
export type JsonArrayBatch = { records: ParsedRecord[] } | { problem: string };

/** A JSON array of canonical call records, already parsed (by the host's body parser, within its size limit). */
export function parseJsonArray(body: unknown): JsonArrayBatch {
  if (!Array.isArray(body)) return { problem: 'must be a JSON array of call records' };
  return {
    records: body.map((item, index): ParsedRecord => {
      const result = validateCallRecord(item);
      return 'record' in result ? { position: { index }, record: result.record } : { position: { index }, errors: result.errors };
    }),
  };
}

/** The same from the body's text. */
export function parseJsonArrayText(text: string): JsonArrayBatch {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { problem: `is not JSON: ${(error as Error).message}` };
  }
  return parseJsonArray(body);
}
