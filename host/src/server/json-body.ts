import type { Context } from 'koa';
import { badRequest, payloadTooLarge, ApiError } from '@switchboard/sdk';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse that refuses keys able to pollute prototypes (ASVS 15.3.6) instead of silently keeping them. */
function parseSafely(text: string): unknown {
  return JSON.parse(text, (key, value) => {
    if (FORBIDDEN_KEYS.has(key)) throw badRequest(`The field name "${key}" is not allowed.`, undefined, 'forbidden_field_name');
    return value;
  });
}

/**
 * Reads a JSON request body, refusing more than `limit` bytes as soon as they arrive (413) rather
 * than after buffering them all. An empty body is `undefined`.
 */
export async function readJsonBody(ctx: Context, limit: number): Promise<unknown> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw payloadTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      ctx.req.destroy();
      throw payloadTooLarge(limit);
    }
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  if (!ctx.is('application/json', '+json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  try {
    return parseSafely(Buffer.concat(chunks, size).toString('utf8'));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`, undefined, 'invalid_json');
  }
}
