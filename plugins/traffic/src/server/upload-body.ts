import { ApiError, type BodyStream } from '@switchboard/sdk';
import type { RecordPosition } from '../parsers/parsed-record.js';
import { IngestCut } from './ingest.js';

/** The media type of a request, lower case, without parameters (`charset`). */
export function mediaType(headers: Readonly<Record<string, string | undefined>>): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A streamed body read whole, for formats that cannot be read record by record (a JSON array, one
 * FreeSWITCH document). `maxBytes` may be below the route's own limit: the whole text is held.
 */
export async function readWholeBody(body: BodyStream, maxBytes: number, advice = ''): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new ApiError(413, 'payload_too_large', `The request body is larger than the ${maxBytes} bytes allowed.${advice}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

const where = (position: RecordPosition) => ('line' in position ? `line ${position.line}` : `index ${position.index}`);

/**
 * The error to answer for an upload cut part way, saying what its committed batches stored. The
 * sender reads it only when the connection still carries an answer: past the size limit the host
 * closes the request, so most clients see a reset instead; the log has the same numbers.
 */
export function cutError(error: unknown): unknown {
  if (!(error instanceof IngestCut)) return error;
  const { committed, committedThrough, cause } = error;
  const kept = committedThrough
    ? ` The records up to ${where(committedThrough)} were committed and stay stored (${committed.stored} stored, ${committed.duplicates} duplicates, ${committed.refused.length} refused); nothing after it was stored. Sending the whole upload again is safe: stored records count as duplicates.`
    : ' Nothing was stored.';
  if (cause instanceof ApiError) return new ApiError(cause.status, cause.code, `${cause.message}${kept}`, cause.fields, cause.headers);
  return cause;
}
