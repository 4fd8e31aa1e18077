import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import type { Dialect, Migration } from '@switchboard/sdk';
import { listTablesIn, type Database } from './database.js';
import { isUniqueViolation } from './unique-violation.js';

export interface NamedMigration {
  name: string;
  migration: Migration;
}

/** The migrations of one owner (the host or a plugin id); every table they create must start with `prefix`. */
export interface MigrationSet {
  owner: string;
  prefix: string;
  migrations: NamedMigration[];
}

/** A migration that failed; its message starts with the owner and the migration's name. */
export class MigrationError extends Error {
  constructor(
    readonly owner: string,
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration "${migration}" of "${owner}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Applied migrations of every owner, one row each. The host's own table, hence its `host_` prefix. */
export const MIGRATIONS_TABLE = 'host_migrations';

/**
 * Key of the PostgreSQL advisory lock that serialises migrations across processes, so that two
 * hosts starting together never apply one migration twice nor see each other's half-made tables.
 */
const MIGRATION_LOCK_KEY = 0x5357_4d47; // "SWMG"

/** Imports every compiled migration (`*.js`) of a folder, in file-name order; the name is the file name without `.js`. */
export async function loadMigrationsFrom(dir: string): Promise<NamedMigration[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new Error(`Cannot read the migrations folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const files = entries.filter((file) => file.endsWith('.js')).sort(byName);
  const migrations: NamedMigration[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const module = (await import(pathToFileURL(path).href)) as Partial<Migration> & { default?: Partial<Migration> };
    // Named exports are the documented shape; a default-exported object is accepted too.
    const source = typeof module.up === 'function' ? module : module.default;
    if (typeof source?.up !== 'function') throw new Error(`Migration ${path} does not export an up(knex) function`);
    const migration: Migration = { up: source.up.bind(source) };
    if (typeof source.down === 'function') migration.down = source.down.bind(source);
    migrations.push({ name: file.slice(0, -'.js'.length), migration });
  }
  return migrations;
}

/** Applies the set's pending migrations in name order, each in its own transaction; returns the names applied. */
export async function runMigrations(db: Database, set: MigrationSet): Promise<string[]> {
  const migrations = inNameOrder(set);
  await ensureMigrationsTable(db);
  const alreadyApplied = new Set((await appliedRows(db.knex, set.owner)).map((row) => row.name));
  const applied: string[] = [];
  for (const named of migrations) {
    if (alreadyApplied.has(named.name)) continue;
    if (await applyOne(db, set, named)) applied.push(named.name);
  }
  return applied;
}

/** Every migration of the set, in name order, with when it was applied (ISO 8601) or null when pending. */
export async function migrationStatus(db: Database, set: MigrationSet): Promise<{ name: string; appliedAt: string | null }[]> {
  const migrations = inNameOrder(set);
  const rows = (await db.knex.schema.hasTable(MIGRATIONS_TABLE)) ? await appliedRows(db.knex, set.owner) : [];
  const appliedAt = new Map(rows.map((row) => [row.name, row.applied_at]));
  return migrations.map(({ name }) => ({ name, appliedAt: appliedAt.get(name) ?? null }));
}

/** Thrown inside a migration's transaction when another process applied it first; rolls the transaction back. */
class AppliedElsewhere extends Error {}

async function applyOne(db: Database, set: MigrationSet, { name, migration }: NamedMigration): Promise<boolean> {
  try {
    await db.knex.transaction(async (trx) => {
      await serialiseMigrations(trx, db.dialect);
      // Claim the migration first: on SQLite this write takes the database's write lock before
      // anything is read, so a second process waits here (busy timeout) instead of working from a
      // stale snapshot; on either dialect a row already there means someone else applied it.
      try {
        await trx(MIGRATIONS_TABLE).insert({ owner: set.owner, name, applied_at: new Date().toISOString() });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppliedElsewhere();
        throw error;
      }
      const before = new Set(await listTablesIn(trx, db.dialect));
      await migration.up(trx);
      const foreign = (await listTablesIn(trx, db.dialect)).filter((table) => !before.has(table) && !table.startsWith(set.prefix));
      if (foreign.length > 0) {
        const names = foreign.map((table) => `"${table}"`).join(', ');
        throw new Error(`it created ${names}, but every table of "${set.owner}" must start with "${set.prefix}"`);
      }
    });
    return true;
  } catch (error) {
    if (error instanceof AppliedElsewhere) return false;
    throw new MigrationError(set.owner, name, error);
  }
}

async function ensureMigrationsTable(db: Database): Promise<void> {
  if (await db.knex.schema.hasTable(MIGRATIONS_TABLE)) return;
  await db.knex.transaction(async (trx) => {
    await serialiseMigrations(trx, db.dialect);
    // Plain SQL both dialects speak. "if not exists" because another process may be here too;
    // as the transaction's first statement it also makes SQLite wait for the write lock rather
    // than fail on a stale read. applied_at is ISO 8601 text: the same value back from both
    // dialects, and it sorts as time does.
    await trx.raw(
      `create table if not exists ${MIGRATIONS_TABLE} (
        owner varchar(100) not null,
        name varchar(255) not null,
        applied_at varchar(32) not null,
        primary key (owner, name)
      )`,
    );
  });
}

/** PostgreSQL: holds the migration lock until the transaction ends. SQLite serialises writers by itself. */
async function serialiseMigrations(trx: Knex.Transaction, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
}

async function appliedRows(knex: Knex, owner: string): Promise<{ name: string; applied_at: string }[]> {
  return knex(MIGRATIONS_TABLE).select('name', 'applied_at').where({ owner });
}

function inNameOrder(set: MigrationSet): NamedMigration[] {
  const seen = new Set<string>();
  for (const { name } of set.migrations) {
    if (seen.has(name)) throw new Error(`"${set.owner}" has two migrations named "${name}"`);
    seen.add(name);
  }
  return [...set.migrations].sort((a, b) => byName(a.name, b.name));
}

/** Plain code-point order, the same on every machine and locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
