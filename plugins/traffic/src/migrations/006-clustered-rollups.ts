import type { Knex } from 'knex';

const ROLLUP_TABLES = ['traffic_rollups_minute', 'traffic_rollups_hour', 'traffic_rollups_number_day'];

/**
 * On SQLite the rollup tables become WITHOUT ROWID. A rowid table with a composite primary key is
 * two b-trees, the rows by rowid and the key's index, and every upsert of the ingest writes both;
 * clustered on their key they are one, which every read already uses (tenant and bucket first).
 * Rollup upserts are half the database's work per ingested call (measured with `npm run bench --
 * traffic`: about as many rows as calls in a live feed). PostgreSQL's tables are heaps with a key
 * index either way; they stay as they are.
 */
export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'sqlite3') return;
  for (const table of ROLLUP_TABLES) {
    const [{ sql }] = (await knex('sqlite_master').select('sql').where({ type: 'table', name: table })) as { sql: string }[];
    const rebuilt = `${table}_rebuilt`;
    // The same columns and key, as knex wrote them in migrations 002 and 004 (names from this
    // file, not input), clustered on the key.
    const clustered = sql.replace(`\`${table}\``, `\`${rebuilt}\``) + ' without rowid';
    await knex.raw(clustered);
    await knex.raw('insert into ?? select * from ??', [rebuilt, table]);
    await knex.schema.dropTable(table);
    await knex.schema.renameTable(rebuilt, table);
  }
}

export async function down(): Promise<void> {
  // Clustered or not, the tables hold the same rows under the same key: nothing to undo.
}
