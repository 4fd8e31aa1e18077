/**
 * Event data travels as JSON on every bus, the in-process one included, so that a plugin sees
 * the same values (a Date arrives as its ISO string) whichever bus the host runs.
 */
export function encodeData(data: unknown): string | undefined {
  return JSON.stringify(data);
}

export function decodeData<T>(encoded: string | undefined): T {
  return (encoded === undefined ? undefined : JSON.parse(encoded)) as T;
}

/** What a NATS message carries: the event without its subject, which is the message's own. */
export interface Envelope {
  id: string;
  publishedAt: string;
  data?: unknown;
}
