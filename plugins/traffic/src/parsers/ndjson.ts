import { validateCallRecord } from '../cdr/validate-call-record.js';
import type { ParsedRecord } from './parsed-record.js';
import { readLines, type ReadLinesOptions } from './read-lines.js';

/**
 * Newline-delimited JSON: one canonical call record per line, read from a stream of chunks
 * (an HTTP request body, a file) record by record, never the whole body at once. Blank lines are
 * skipped; every other line yields its record or its errors, with its line number.
 */
export async function* parseNdjson(chunks: AsyncIterable<Uint8Array | string>, options?: ReadLinesOptions): AsyncGenerator<ParsedRecord> {
  for await (const item of readLines(chunks, options)) {
    const position = { line: item.line };
    if ('problem' in item) {
      yield { position, errors: [{ field: '', message: `line ${item.problem}` }] };
      continue;
    }
    if (item.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch (error) {
      yield { position, errors: [{ field: '', message: `is not JSON: ${(error as Error).message}` }] };
      continue;
    }
    const result = validateCallRecord(value);
    yield 'record' in result ? { position, record: result.record } : { position, errors: result.errors };
  }
}
