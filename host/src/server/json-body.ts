import type { IncomingMessage } from 'node:http';
import { badRequest, payloadTooLarge, ApiError } from '@switchboard/sdk';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Text in which a forbidden key might hide: one of the names, or any backslash (a key can spell a
 * name with \u escapes). A body without either cannot carry one.
 */
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\/;

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw badRequest(`The field name "${key}" is not allowed.`, undefined, 'forbidden_field_name');
  return value;
}

/**
 * JSON.parse that refuses keys able to pollute prototypes (ASVS 15.3.6) instead of silently keeping
 * them. The reviver that checks every key costs more than the parse itself, so it runs only on text
 * that could hold such a key.
 */
function parseSafely(text: string): unknown {
  return MAY_HOLD_FORBIDDEN_KEY.test(text) ? JSON.parse(text, refuseForbiddenKeys) : JSON.parse(text);
}

/**
 * The body's bytes, refusing more than `limit` as soon as they arrive (413) rather than after
 * buffering them all. Listeners rather than `for await`: the stream's async iterator costs several
 * promises and a destroy per request, a sizeable share of a small query's time.
 */
function readBytes(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.readableEnded) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish();
        req.destroy();
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      finish();
      resolve(size === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      finish();
      reject(error);
    };
    // Closed before its end: the client went away mid-body.
    const onClose = () => {
      finish();
      reject(new Error('The request closed before its body ended.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Whether a Content-Type header names JSON: application/json, or any type with the +json suffix. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const end = contentType.indexOf(';');
  const type = (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
  return type === 'application/json' || (type.endsWith('+json') && type.includes('/'));
}

/** Reads a JSON request body (at most `limit` bytes, else 413). An empty body is `undefined`. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] || 0);
  if (declared > limit) throw payloadTooLarge(limit);
  const bytes = await readBytes(req, limit);
  if (bytes === undefined) return undefined;
  if (!isJsonMediaType(req.headers['content-type'])) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  try {
    return parseSafely(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`, undefined, 'invalid_json');
  }
}
