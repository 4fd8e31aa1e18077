import type { Granularity } from '../rollup/rollup-row.js';

/** The plugin's tables, by the names `storage.from()` takes (it adds the `traffic_` prefix). */
export const TABLES = {
  calls: 'calls',
  numbers: 'numbers',
  rollups: { minute: 'rollups_minute', hour: 'rollups_hour' } satisfies Record<Granularity, string>,
} as const;

/**
 * Rows per multi-row statement: a 1,000-record batch is ten statements rather than a thousand, and
 * each stays well inside SQLite's limits (knex writes a multi-row insert on SQLite as a compound
 * SELECT, at most 500 terms; 100 calls of 25 columns are 2,500 bindings of the 32,766 allowed).
 */
export const ROWS_PER_STATEMENT = 100;

/** Splits a list into pieces of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const pieces: T[][] = [];
  for (let at = 0; at < items.length; at += size) pieces.push(items.slice(at, at + size));
  return pieces;
}

/** bigint and count columns come back from PostgreSQL as text; SQLite gives numbers. */
export const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));
