import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex, { type Knex } from 'knex';
import type { Dialect } from '@switchboard/sdk';
import { WalCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './wal-checkpointer.js';

/** The host's one connection pool, on SQLite (embedded default) or PostgreSQL (scaled out). */
export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** The user tables of the current schema, sorted by name. */
  listTables(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// or postgresql:// URL selects PostgreSQL; anything else (or nothing) selects SQLite. */
  url?: string | null;
  /** The SQLite file, used when `url` is not a PostgreSQL URL. Its folder is created. */
  sqliteFile: string;
  /** PostgreSQL only: a schema to create if missing and work in (tests isolate themselves this way). */
  schema?: string;
  /** Where knex's own warnings go (a lost connection, a deprecated call). Default: the console. */
  log?: DatabaseLog;
}

export interface DatabaseLog {
  warn(message: string): void;
  error(message: string): void;
}

const consoleLog: DatabaseLog = {
  warn: (message) => console.warn(`[database] ${message}`),
  error: (message) => console.error(`[database] ${message}`),
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function isPostgresUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^postgres(ql)?:\/\//i.test(url);
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = knexLog(options.log ?? consoleLog);
  try {
    return isPostgresUrl(options.url) ? await openPostgres(options.url, options.schema, log.config) : await openSqlite(options.sqliteFile, log.config);
  } finally {
    log.opened();
  }
}

/**
 * Knex's logger, quiet about failed connection attempts until the database is open: at start the
 * failure is thrown as one clear error instead; later, a lost connection is worth a warning.
 */
function knexLog(log: DatabaseLog): { config: Knex.Config['log']; opened(): void } {
  let opening = true;
  return {
    config: {
      warn: (message: string) => {
        if (!(opening && message.startsWith('Acquire connection error'))) log.warn(message);
      },
      error: (message: string) => log.error(message),
      deprecate: (method: string, alternative: string) => log.warn(`${method} is deprecated, use ${alternative}`),
      debug: () => undefined,
    },
    opened: () => {
      opening = false;
    },
  };
}

async function openPostgres(url: string, schema: string | undefined, log: Knex.Config['log']): Promise<Database> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}": use letters, digits and underscores`);
  }
  const instance = knex({
    client: 'pg',
    // A connect timeout so that an unreachable host fails the start instead of hanging it.
    connection: { connectionString: url, connectionTimeoutMillis: 10_000 },
    searchPath: schema ? [schema] : undefined,
    pool: { min: 0, max: 10 },
    acquireConnectionTimeout: 15_000,
    log,
  });
  try {
    await instance.raw('select 1');
    if (schema) await createSchemaIfMissing(instance, schema);
  } catch (error) {
    await instance.destroy().catch(() => undefined);
    throw new Error(`Cannot open the PostgreSQL database at ${redactPassword(url)}: ${describe(error)}`, { cause: error });
  }
  return wrap(instance, 'postgres');
}

async function createSchemaIfMissing(instance: Knex, schema: string): Promise<void> {
  try {
    await instance.raw('create schema if not exists ??', [schema]);
  } catch (error) {
    // Two processes creating the same schema at once: one of them loses the race on the catalog's
    // unique index even with "if not exists". The schema exists either way, which is all we need.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

async function openSqlite(file: string, log: Knex.Config['log']): Promise<Database> {
  const inMemory = file === ':memory:' || file.startsWith('file::memory:');
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const instance = knex({
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    log,
    pool: {
      // Every new connection gets the settings that make SQLite a safe embedded store: WAL so
      // readers never block the writer, synchronous=NORMAL which in WAL mode still survives a
      // process kill, foreign keys enforced, and a busy timeout so concurrent writers wait.
      // And two for write-heavy tables (CDR ingest with its rollups, issue 4): a 64 MiB page cache
      // instead of 2 MiB, so the indexes that a batch touches all over stay in memory; and the WAL
      // checkpoints left to a connection of their own (WalCheckpointer: about every 40 MiB, so that
      // a page rewritten by several batches is copied into the database once, not after every
      // commit), the writer's own only a backstop far above that. Durability is the same: a commit
      // is in the WAL either way.
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
        connection.exec(
          `PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES};`,
          (error) => done(error, connection),
        );
      },
    },
  });
  try {
    await instance.raw('select 1');
  } catch (error) {
    await instance.destroy().catch(() => undefined);
    throw new Error(`Cannot open the SQLite database ${file}: ${describe(error)}`, { cause: error });
  }
  const database = wrap(instance, 'sqlite');
  if (inMemory) return database;
  const checkpointer = await WalCheckpointer.open(file).catch(async (error: unknown) => {
    await instance.destroy().catch(() => undefined);
    throw new Error(`Cannot open the SQLite database ${file} for checkpoints: ${describe(error)}`, { cause: error });
  });
  // The checkpointer goes first: the last connection to close checkpoints the rest and removes the WAL.
  let closed: Promise<void> | undefined;
  return { ...database, close: () => (closed ??= checkpointer.close().then(() => database.close())) };
}

interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

function wrap(instance: Knex, dialect: Dialect): Database {
  return {
    knex: instance,
    dialect,
    listTables: () => listTablesIn(instance, dialect),
    close: () => instance.destroy(),
  };
}

/**
 * The user tables visible through `knex`, which may be a transaction: a migration compares the
 * tables before and after it runs, and must see its own uncommitted ones.
 */
export async function listTablesIn(knexOrTransaction: Knex, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows: { name: string }[] = await knexOrTransaction('sqlite_master').select('name').where('type', 'table').orderBy('name');
    // sqlite_sequence and friends belong to SQLite itself.
    return rows.map((row) => row.name).filter((name) => !name.startsWith('sqlite_'));
  }
  const rows: { name: string }[] = await knexOrTransaction('information_schema.tables')
    .select('table_name as name')
    .whereRaw('table_schema = current_schema()')
    .andWhere('table_type', 'BASE TABLE')
    .orderBy('table_name');
  return rows.map((row) => row.name);
}

/** The URL with its password replaced, safe for logs and error messages. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || error.name || String((error as { code?: unknown }).code);
  return String(error);
}
