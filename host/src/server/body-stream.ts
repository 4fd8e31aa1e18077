import type { Context } from 'koa';
import { ApiError, payloadTooLarge, type BodyStream, type RawBody } from '@switchboard/sdk';

/**
 * A request body handed to a handler as it arrives, for routes that stream (NDJSON, CSV). Refused
 * up front for another content type (415) or a declared length over the limit (413); counted as
 * it flows, so a body that lies about its length still stops at the limit.
 */
export function bodyStream(ctx: Context, raw: RawBody): BodyStream {
  if (!ctx.is(...raw.contentTypes)) {
    throw new ApiError(415, 'unsupported_media_type', `Send the body as ${raw.contentTypes.join(' or ')}.`);
  }
  if (Number(ctx.get('content-length') || 0) > raw.maxBytes) throw payloadTooLarge(raw.maxBytes);
  const request = ctx.req as AsyncIterable<Buffer>;
  return {
    async *[Symbol.asyncIterator]() {
      let size = 0;
      for await (const chunk of request) {
        size += chunk.length;
        if (size > raw.maxBytes) {
          ctx.req.destroy();
          throw payloadTooLarge(raw.maxBytes);
        }
        yield chunk;
      }
    },
  };
}
