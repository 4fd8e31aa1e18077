import type { FieldError } from '@switchboard/sdk';
import type { CallRecord } from '../cdr/call-record.js';

/** Where a record was in its input: the 1-based line of a file or stream, or the 0-based index in a JSON array. */
export type RecordPosition = { line: number } | { index: number };

/**
 * One record out of a batch: the canonical record, or every problem with it. A batch with some
 * bad records keeps the good ones; the positions tell the sender exactly which were refused.
 * Whole-record problems (not JSON, wrong column count) have the field ''.
 */
export type ParsedRecord = { position: RecordPosition; record: CallRecord } | { position: RecordPosition; errors: FieldError[] };
