import type { Granularity } from '../rollup/rollup-row.js';

/** The plugin's tables, by the names `storage.from()` takes (it adds the `traffic_` prefix). */
export const TABLES = {
  calls: 'calls',
  numbers: 'numbers',
  /** Committed batches whose calls are not yet published (migration 005). */
  outbox: 'outbox',
  /** The wide rollups, keyed by tenant, bucket, dialed number, destination, call center, disposition and origin state. */
  rollups: { minute: 'rollups_minute', hour: 'rollups_hour' } satisfies Record<Granularity, string>,
  /** The narrow rollup: per tenant, UTC day and dialed number only (migration 004). */
  numberDay: 'rollups_number_day',
  /** Per tenant, UTC day, dialed number, destination and call center (migration 008). */
  destinationDay: 'rollups_destination_day',
} as const;

/** Splits a list into pieces of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const pieces: T[][] = [];
  for (let at = 0; at < items.length; at += size) pieces.push(items.slice(at, at + size));
  return pieces;
}

/** bigint and count columns come back from PostgreSQL as text; SQLite gives numbers. */
export const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));
