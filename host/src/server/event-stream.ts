import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import type { ServerSentEvent } from '@switchboard/sdk';

const HEARTBEAT_MS = 15_000;

/** One event in the text/event-stream framing; data is JSON, so it never holds a bare newline. */
export function formatEvent(event: ServerSentEvent): string {
  const lines = [];
  if (event.id !== undefined) lines.push(`id: ${String(event.id).replace(/[\r\n]/g, '')}`);
  if (event.event !== undefined) lines.push(`event: ${event.event.replace(/[\r\n]/g, '')}`);
  lines.push(`data: ${JSON.stringify(event.data)}`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * Answers with Server-Sent Events from `events` until the client leaves or the events end. A comment
 * line every 15 s keeps proxies from closing a quiet stream; when the client goes away the iterator
 * is returned, so the handler's subscriptions end with it.
 */
export function writeEventStream(ctx: Context, events: AsyncIterable<ServerSentEvent>): void {
  ctx.status = 200;
  ctx.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  const out = new PassThrough();
  ctx.body = out;
  const iterator = events[Symbol.asyncIterator]();
  const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    void iterator.return?.();
    out.end();
  };
  ctx.req.on('close', close);
  out.write(': connected\n\n');
  void (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done || closed) break;
        out.write(formatEvent(next.value));
      }
    } catch (error) {
      out.write(formatEvent({ event: 'error', data: { code: 'stream_failed', message: 'The stream ended unexpectedly; reconnect to resume.' } }));
      ctx.app.emit('error', error, ctx);
    } finally {
      close();
    }
  })();
}
