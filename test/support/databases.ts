import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '@switchboard/host/dist/storage/index.js';
import { describeWithService, postgresUrl } from './services.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/** A fresh, empty database of one kind, and what it takes to open it again (a second "process"). */
export interface TestDatabase {
  db: Database;
  /** The PostgreSQL URL, or null on SQLite. */
  url: string | null;
  /** The SQLite file (on PostgreSQL, an unused path in a temp folder). */
  sqliteFile: string;
  /** PostgreSQL: the fresh schema this database lives in. */
  schema?: string;
  /** Closes it and removes it (the temp folder, or the schema). Safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * Defines a suite once per dialect, so the same tests run on SQLite and on PostgreSQL:
 *
 *   forEachDatabase((kind, open) => {
 *     let t: TestDatabase;
 *     beforeEach(async () => { t = await open(); });
 *     afterEach(() => t.cleanup());
 *     it('...', async () => { await t.db.knex('...') });
 *   });
 *
 * Every `open()` gives a new empty database: a file in a new temp folder on SQLite, a new
 * randomly named schema on PostgreSQL. Whatever a test forgets to clean up is cleaned up after
 * the suite. The PostgreSQL suite is skipped with a notice when PostgreSQL is not running, and
 * fails under CI=true.
 */
export function forEachDatabase(fn: (kind: DatabaseKind, open: () => Promise<TestDatabase>) => void): void {
  describe('on SQLite', function () {
    withCleanup((open) => fn('sqlite', open), openSqlite);
  });
  describeWithService('postgres', 'on PostgreSQL', function () {
    withCleanup((open) => fn('postgres', open), openPostgres);
  });
}

/** Runs the suite body, then removes the databases its tests opened and left behind. */
function withCleanup(body: (open: () => Promise<TestDatabase>) => void, openFresh: () => Promise<TestDatabase>): void {
  const opened: TestDatabase[] = [];
  body(async () => {
    const database = await openFresh();
    opened.push(database);
    return database;
  });
  // Registered after the suite's own hooks, so it runs after theirs.
  after(async () => {
    await Promise.all(opened.splice(0).map((database) => database.cleanup()));
  });
}

export async function openSqlite(): Promise<TestDatabase> {
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-test-'));
  const sqliteFile = join(folder, 'switchboard.sqlite');
  const db = await openDatabase({ url: null, sqliteFile });
  return {
    db,
    url: null,
    sqliteFile,
    cleanup: once(async () => {
      await db.close();
      await rm(folder, { recursive: true, force: true });
    }),
  };
}

export async function openPostgres(): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const sqliteFile = join(tmpdir(), 'switchboard-unused.sqlite');
  const db = await openDatabase({ url: postgresUrl, sqliteFile, schema });
  return {
    db,
    url: postgresUrl,
    sqliteFile,
    schema,
    cleanup: once(async () => {
      try {
        await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await db.close();
      }
    }),
  };
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}
