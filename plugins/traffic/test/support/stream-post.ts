import type { ClientRequest } from 'node:http';
import { request } from 'node:https';

/** How a streamed upload ended: an answer, or the connection closed under it (past a size limit the host closes the request). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON the tests assert on, as the shared TestResponse has it
export type StreamOutcome = { status: number; body: any; text: string } | { reset: string };

export interface StreamPostOptions {
  ca: string;
  headers: Record<string, string>;
  /** The body, sent chunked (no Content-Length) as it is produced. */
  chunks?: Iterable<Buffer | string>;
  /** Send the headers only, and wait for the answer: shows a request refused before its body is read. */
  holdBody?: boolean;
}

/** Until the request can take more, or is closed. */
function drained(req: ClientRequest): Promise<void> {
  return new Promise((next) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      next();
    };
    req.once('drain', done);
    req.once('close', done);
  });
}

/** A POST whose body is sent chunked, as a collector streaming an export does; the declared length cannot give the size away. */
export function streamPost(baseUrl: string, path: string, options: StreamPostOptions): Promise<StreamOutcome> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: StreamOutcome) => {
      if (!settled) resolve(outcome);
      settled = true;
    };
    const req = request(url, { method: 'POST', headers: { ...options.headers, 'transfer-encoding': 'chunked' }, agent: false, ca: options.ca, servername: 'localhost' }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        settle({ status: res.statusCode ?? 0, body: text && (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text, text });
        if (options.holdBody) req.destroy();
      });
      res.on('error', (error: NodeJS.ErrnoException) => settle({ reset: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => settle({ reset: error.code ?? error.message }));
    if (options.holdBody) {
      req.flushHeaders();
      return;
    }
    void (async () => {
      for (const chunk of options.chunks ?? []) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await drained(req);
      }
      req.end();
    })();
  });
}
