import { createRequire } from 'node:module';

/** node-sqlite3's connection, as far as this file uses it (the package is CommonJS; knex loads it the same way). */
interface SqliteConnection {
  all(sql: string, callback: (error: Error | null, rows: CheckpointRow[]) => void): void;
  exec(sql: string, callback: (error: Error | null) => void): void;
  close(callback: (error: Error | null) => void): void;
}

/** What `PRAGMA wal_checkpoint` answers: frames in the WAL, and how many of them are now in the database. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

const { Database } = createRequire(import.meta.url)('sqlite3') as { Database: new (file: string, callback: (error: Error | null) => void) => SqliteConnection };

/** How often the background connection copies the WAL into the database. */
const INTERVAL_MS = 250;
/**
 * WAL frames (pages) past which the background connection asks for a RESTART checkpoint, which
 * waits for the writer and makes the next write start the WAL from its beginning: the WAL stays
 * about this size (10,000 pages, 40 MiB) as it did when the writer checkpointed itself.
 */
const RESTART_FRAMES = 10_000;
/**
 * The writer's own checkpoint, kept as a backstop should the background one stop: far above
 * RESTART_FRAMES, so that in normal running the writer never checkpoints.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 100_000;

/**
 * Checkpoints a SQLite database in WAL mode from a connection of its own, on another of libuv's
 * threads. Left to the writing connection, every checkpoint (copying about 40 MiB of pages into the
 * database and two fsyncs) ran inside a commit, and the one connection the host writes through
 * waited for the disk: the CDR ingest answered 8 to 15% fewer records a second than with the
 * checkpoints here (test/bench/traffic.ts, alternating runs). Durability does not change: a commit
 * is in the WAL either way, and a checkpoint only copies committed pages.
 */
export class WalCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;

  private constructor(private readonly connection: SqliteConnection) {}

  static async open(file: string): Promise<WalCheckpointer> {
    const connection = await new Promise<SqliteConnection>((resolve, reject) => {
      const opened: SqliteConnection = new Database(file, (error) => (error ? reject(error) : resolve(opened)));
    });
    // Waits for the writer rather than failing when a RESTART needs it to finish its commit.
    await new Promise<void>((resolve, reject) => connection.exec('PRAGMA busy_timeout = 5000', (error) => (error ? reject(error) : resolve())));
    const checkpointer = new WalCheckpointer(connection);
    checkpointer.timer = setInterval(() => {
      checkpointer.running ??= checkpointer.checkpoint().finally(() => (checkpointer.running = null));
    }, INTERVAL_MS);
    checkpointer.timer.unref();
    return checkpointer;
  }

  /**
   * One round: a PASSIVE checkpoint (copies what it can, never waits for anyone), then a RESTART
   * one when the WAL has grown past RESTART_FRAMES. Errors are not fatal: the next round tries
   * again, and the writer's backstop bounds the WAL meanwhile.
   */
  async checkpoint(): Promise<CheckpointRow | undefined> {
    const passive = await this.pragma('PASSIVE').catch(() => undefined);
    if (passive && passive.log > RESTART_FRAMES) return this.pragma('RESTART').catch(() => passive);
    return passive;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await new Promise<void>((resolve, reject) => this.connection.close((error) => (error ? reject(error) : resolve())));
  }

  private pragma(mode: 'PASSIVE' | 'RESTART'): Promise<CheckpointRow | undefined> {
    return new Promise((resolve, reject) => this.connection.all(`PRAGMA wal_checkpoint(${mode})`, (error, rows) => (error ? reject(error) : resolve(rows[0]))));
  }
}
