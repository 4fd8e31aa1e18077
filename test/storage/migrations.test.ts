import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import {
  loadMigrationsFrom,
  migrationStatus,
  MigrationError,
  MIGRATIONS_TABLE,
  openDatabase,
  runMigrations,
  type MigrationSet,
  type NamedMigration,
} from '@switchboard/host/dist/storage/index.js';

/** The compiled fixture folder next to this compiled test: .js files with their .d.ts and .map. */
const fixtureFolder = fileURLToPath(new URL('./fixture-migrations/', import.meta.url));

const createTable = (name: string): NamedMigration['migration'] => ({
  up: async (knex: Knex) => {
    await knex.schema.createTable(name, (table) => table.increments('id'));
  },
});

const set = (owner: string, migrations: NamedMigration[]): MigrationSet => ({ owner, prefix: `${owner}_`, migrations });

describe('migrations', () => {
  describe('loading a folder', () => {
    let folder: string;
    beforeEach(async () => {
      folder = await mkdtemp(join(tmpdir(), 'switchboard-migrations-'));
    });
    afterEach(() => rm(folder, { recursive: true, force: true }));

    it('imports the compiled migrations in file-name order, skipping declarations and source maps', async () => {
      const migrations = await loadMigrationsFrom(fixtureFolder);
      assert.deepEqual(
        migrations.map((named) => named.name),
        ['001_create_lists', '002_create_entries'],
      );
      assert.equal(typeof migrations[0]!.migration.down, 'function');
    });

    it('names the file of a migration that has no up()', async () => {
      await writeFile(join(folder, '001_fine.js'), 'export async function up() {}\n');
      await writeFile(join(folder, '002_broken.js'), 'export const version = 2;\n');
      await assert.rejects(loadMigrationsFrom(folder), (error: Error) => error.message.includes(join(folder, '002_broken.js')) && /up\(knex\)/.test(error.message));
    });

    it('names a folder that is not there', async () => {
      const missing = join(folder, 'nope');
      await assert.rejects(loadMigrationsFrom(missing), (error: Error) => error.message.includes(missing));
    });
  });

  forEachDatabase((_kind, open) => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await open();
    });
    afterEach(() => t.cleanup());

    it('applies pending migrations in order, once, and records when', async () => {
      const fixture: MigrationSet = { owner: 'fixture', prefix: 'fixture_', migrations: (await loadMigrationsFrom(fixtureFolder)).reverse() };
      assert.deepEqual(await runMigrations(t.db, fixture), ['001_create_lists', '002_create_entries']);
      assert.deepEqual(await t.db.listTables(), ['fixture_entries', 'fixture_lists', MIGRATIONS_TABLE]);

      const status = await migrationStatus(t.db, fixture);
      assert.deepEqual(
        status.map((entry) => entry.name),
        ['001_create_lists', '002_create_entries'],
      );
      for (const entry of status) assert.ok(entry.appliedAt && !Number.isNaN(Date.parse(entry.appliedAt)), `${entry.name} has a time: ${entry.appliedAt}`);

      assert.deepEqual(await runMigrations(t.db, fixture), [], 'a second run applies nothing');
    });

    it('applies only what was added since the last run', async () => {
      const first = { name: '001_a', migration: createTable('alpha_a') };
      const second = { name: '002_b', migration: createTable('alpha_b') };
      assert.deepEqual(await runMigrations(t.db, set('alpha', [first])), ['001_a']);
      assert.deepEqual(await runMigrations(t.db, set('alpha', [first, second])), ['002_b']);
    });

    it('tracks migrations per owner, so two owners may use the same names', async () => {
      assert.deepEqual(await runMigrations(t.db, set('alpha', [{ name: '001_init', migration: createTable('alpha_items') }])), ['001_init']);
      assert.deepEqual(await runMigrations(t.db, set('beta', [{ name: '001_init', migration: createTable('beta_items') }])), ['001_init']);
      assert.deepEqual(await t.db.listTables(), ['alpha_items', 'beta_items', MIGRATIONS_TABLE]);
      const rows = await t.db.knex(MIGRATIONS_TABLE).select('owner', 'name').orderBy('owner');
      assert.deepEqual(rows, [
        { owner: 'alpha', name: '001_init' },
        { owner: 'beta', name: '001_init' },
      ]);
    });

    it('shows every migration as pending before the first run, without writing anything', async () => {
      const status = await migrationStatus(t.db, set('alpha', [{ name: '001_a', migration: createTable('alpha_a') }]));
      assert.deepEqual(status, [{ name: '001_a', appliedAt: null }]);
      assert.deepEqual(await t.db.listTables(), []);
    });

    it('refuses a migration that creates a table outside the prefix, and keeps nothing of it', async () => {
      const good = { name: '001_good', migration: createTable('alpha_good') };
      const stray = {
        name: '002_stray',
        migration: {
          up: async (knex: Knex) => {
            await knex.schema.createTable('alpha_fine', (table) => table.increments('id'));
            await knex.schema.createTable('invoices', (table) => table.increments('id'));
          },
        },
      };
      const later = { name: '003_later', migration: createTable('alpha_later') };
      await assert.rejects(runMigrations(t.db, set('alpha', [good, stray, later])), (error: Error) => {
        assert.ok(error instanceof MigrationError, 'a MigrationError');
        assert.match(error.message, /^Migration "002_stray" of "alpha" failed: /);
        assert.match(error.message, /"invoices"/);
        assert.match(error.message, /"alpha_"/);
        return true;
      });
      assert.deepEqual(await t.db.listTables(), ['alpha_good', MIGRATIONS_TABLE], 'the stray migration is rolled back, the later one not run');
      assert.deepEqual(await migrationStatus(t.db, set('alpha', [good, stray, later])).then((status) => status.map((entry) => entry.appliedAt !== null)), [
        true,
        false,
        false,
      ]);
    });

    it('reports a failing migration with its owner and name, and rolls it back', async () => {
      const failing = {
        name: '001_boom',
        migration: {
          up: async (knex: Knex) => {
            await knex.schema.createTable('alpha_half', (table) => table.increments('id'));
            throw new Error('disk on fire');
          },
        },
      };
      await assert.rejects(runMigrations(t.db, set('alpha', [failing])), (error: Error) => {
        assert.equal(error.message, 'Migration "001_boom" of "alpha" failed: disk on fire');
        return true;
      });
      assert.deepEqual(await t.db.listTables(), [MIGRATIONS_TABLE]);
      assert.deepEqual(await t.db.knex(MIGRATIONS_TABLE).select('name'), []);
    });

    it('applies each migration once when two processes migrate the same database at the same time', async function () {
      let runs = 0;
      const slow: NamedMigration = {
        name: '001_slow',
        migration: {
          up: async (knex: Knex) => {
            runs += 1;
            await knex.schema.createTable('alpha_slow', (table) => table.increments('id'));
            // Long enough that the other process certainly arrives while this one is inside.
            await new Promise((resolve) => setTimeout(resolve, 300));
          },
        },
      };
      const next: NamedMigration = { name: '002_next', migration: createTable('alpha_next') };
      const other = await openDatabase({ url: t.url, sqliteFile: t.sqliteFile, schema: t.schema });
      try {
        const results = await Promise.all([runMigrations(t.db, set('alpha', [slow, next])), runMigrations(other, set('alpha', [slow, next]))]);
        assert.equal(runs, 1, `the slow migration ran ${runs} times`);
        assert.deepEqual(results.flat().sort(), ['001_slow', '002_next'], `between them they applied each once: ${JSON.stringify(results)}`);
        assert.deepEqual(await t.db.listTables(), ['alpha_next', 'alpha_slow', MIGRATIONS_TABLE]);
      } finally {
        await other.close();
      }
    });
  });
});
