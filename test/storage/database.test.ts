import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { describeWithService, postgresUrl } from '../support/services.js';
import { openDatabase } from '@switchboard/host/dist/storage/index.js';

describe('database', () => {
  forEachDatabase((kind, open) => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await open();
    });
    afterEach(() => t.cleanup());

    it('says which dialect it speaks', () => {
      assert.equal(t.db.dialect, kind);
    });

    it('lists the tables created in it, and nothing else', async () => {
      assert.deepEqual(await t.db.listTables(), []);
      await t.db.knex.schema.createTable('notes_items', (table) => table.increments('id'));
      await t.db.knex.schema.createTable('alpha_things', (table) => table.increments('id'));
      assert.deepEqual(await t.db.listTables(), ['alpha_things', 'notes_items']);
    });

    it('enforces foreign keys', async () => {
      await t.db.knex.schema.createTable('notes_lists', (table) => table.increments('id'));
      await t.db.knex.schema.createTable('notes_entries', (table) => {
        table.increments('id');
        table.integer('list_id').notNullable().references('id').inTable('notes_lists');
      });
      await assert.rejects(t.db.knex('notes_entries').insert({ list_id: 999 }), /foreign key/i);
    });

    if (kind === 'sqlite') {
      it('runs SQLite in WAL mode with a busy timeout', async () => {
        const [journal] = await t.db.knex.raw('PRAGMA journal_mode');
        const [busy] = await t.db.knex.raw('PRAGMA busy_timeout');
        assert.equal(journal.journal_mode, 'wal');
        assert.ok(Object.values(busy)[0] as number >= 5000);
      });

      it('copies committed pages into the database file from its own connection, and leaves no WAL once closed', async () => {
        // About 48 MiB of pages: past the checkpointer's 40 MiB, far below the writer's own backstop
        // (WRITER_AUTOCHECKPOINT_PAGES), so only the background connection can have moved them.
        const pages = 12_000;
        await t.db.knex.schema.createTable('notes_blobs', (table) => table.binary('data'));
        const page = Buffer.alloc(4000, 7);
        for (let done = 0; done < pages; done += 500) {
          await t.db.knex.transaction((trx) => trx('notes_blobs').insert(Array.from({ length: 500 }, () => ({ data: page }))));
        }
        const fileBytes = () => statSync(t.sqliteFile).size;
        for (let tries = 0; tries < 300 && fileBytes() < pages * 4000; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
        assert.ok(fileBytes() >= pages * 4000, `the database file holds the rows (${fileBytes()} bytes), not only the WAL`);

        await t.db.close();
        assert.equal(existsSync(`${t.sqliteFile}-wal`), false, 'the last connection to close checkpoints the rest and removes the WAL');
        const again = await openDatabase({ sqliteFile: t.sqliteFile });
        try {
          assert.deepEqual(await again.knex('notes_blobs').count({ rows: '*' }), [{ rows: pages }]);
        } finally {
          await again.close();
        }
      });

      it('keeps committed rows when the file is opened again', async () => {
        await t.db.knex.schema.createTable('notes_items', (table) => table.string('text'));
        await t.db.knex('notes_items').insert({ text: 'kept' });
        const again = await openDatabase({ sqliteFile: t.sqliteFile });
        try {
          assert.deepEqual(await again.knex('notes_items').select('text'), [{ text: 'kept' }]);
        } finally {
          await again.close();
        }
      });
    }

    if (kind === 'postgres') {
      it('keeps each schema to itself', async () => {
        await t.db.knex.schema.createTable('notes_items', (table) => table.increments('id'));
        const other = await open();
        assert.deepEqual(await other.db.listTables(), []);
        assert.deepEqual(await t.db.listTables(), ['notes_items']);
      });
    }
  });

  describe('with a PostgreSQL URL that does not work', () => {
    it('fails at start with a clear message that does not show the password', async () => {
      await assert.rejects(openDatabase({ url: 'postgres://postgres:s3cret@127.0.0.1:1/test', sqliteFile: 'unused' }), (error: Error) => {
        assert.match(error.message, /^Cannot open the PostgreSQL database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test: /);
        assert.ok(!error.message.includes('s3cret'), error.message);
        return true;
      });
    });

    describeWithService('postgres', 'when the server is there', () => {
      it('names the database that does not exist', async () => {
        const url = new URL(postgresUrl);
        url.pathname = '/switchboard_no_such_database';
        await assert.rejects(openDatabase({ url: url.toString(), sqliteFile: 'unused' }), /switchboard_no_such_database.*does not exist/);
      });
    });
  });
});
