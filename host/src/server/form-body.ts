import type { Context } from 'koa';
import { ApiError, payloadTooLarge } from '@switchboard/sdk';

/** Reads an HTML form post (application/x-www-form-urlencoded), refusing more than `limit` bytes. */
export async function readFormBody(ctx: Context, limit = 16 * 1024): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) throw new ApiError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw payloadTooLarge(limit);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
