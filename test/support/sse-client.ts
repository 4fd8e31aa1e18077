import type { ClientRequest } from 'node:http';
import { request } from 'node:https';

export interface SseEvent {
  id?: string;
  event?: string;
  data: unknown;
}

/** A Server-Sent Events client for tests: collects events as they come; `close()` hangs up. */
export function openEventStream(url: string, options: { ca: string; headers?: Record<string, string> }) {
  const events: SseEvent[] = [];
  let req!: ClientRequest;
  const opened = new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    req = request(url, { ca: options.ca, headers: { accept: 'text/event-stream', ...options.headers }, agent: false }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: Partial<SseEvent> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
          }
          if ('data' in event) events.push(event as SseEvent);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    req.end();
  });
  return { opened, events, close: () => req.destroy() };
}
