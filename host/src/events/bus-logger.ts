/**
 * Where a bus reports what it cannot throw to anyone: a subscriber that failed, a consumer that
 * lost its server. The host passes its pino logger through an adapter; the default is the console.
 */
export interface BusLogger {
  warn(message: string): void;
  error(message: string, error: unknown): void;
}

export const consoleBusLogger: BusLogger = {
  warn: (message) => console.warn(`[event bus] ${message}`),
  error: (message, error) => console.error(`[event bus] ${message}`, error),
};
