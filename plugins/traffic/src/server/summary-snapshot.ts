import type { Knex } from 'knex';
import type { PluginStorage } from '@switchboard/sdk';
import type { SummaryGranularity, SummaryGroupBy } from './rollup-sources.js';
import { RollupStore, type SummarySums } from './rollup-store.js';
import { TABLES, toNumber } from './tables.js';
import type { TrafficFilter } from './traffic-filter.js';

/** A summary's sums and the calls they include: every stored call with an id up to `throughCallId`, none after it. */
export interface SummarySnapshot {
  sums: SummarySums[];
  /**
   * The last call id handed out when the sums were read (0 before the first call). Absent from
   * PostgreSQL's hour and day summaries: finding it holds the ingest back for the whole read
   * (below), fine for the monitor's minutes, not for a report over months.
   */
  throughCallId?: number;
}

/**
 * The last id the calls table handed out, by its sequence rather than max(id), so that the
 * boundary never goes back when raw records are deleted (the retention purge, a tenant's calls
 * removed): their counts stay in the rollups. SQLite keeps it in sqlite_sequence (the table's id is
 * AUTOINCREMENT), within the transaction's snapshot; PostgreSQL's sequence is read as it stands,
 * which, with no ingest under way or able to start (the lock below), is the snapshot's too.
 */
const LAST_CALL_ID: Readonly<Record<PluginStorage['dialect'], string>> = {
  sqlite: 'select coalesce(max(seq), 0) as through from sqlite_sequence where name = ?',
  postgres: "select coalesce(pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass), 0) as through",
};

/**
 * Reads a summary's rollup sums together with the last call id handed out, in one snapshot, so
 * that a reader who then follows the live stream can tell the calls the sums include (ids up to
 * `throughCallId`) from those they do not (greater ids). Rollups are added in the transaction
 * that stores their calls, so what the snapshot holds of one it holds of the other.
 *
 * SQLite: one transaction is one snapshot (WAL), and one writer at a time hands out ids in
 * commit order, so every call with an id up to the last is in it.
 *
 * PostgreSQL: REPEATABLE READ makes both reads one snapshot; but concurrent ingests commit out of
 * id order, so a batch still in flight could hold ids below the greatest committed one, absent from
 * the sums yet not after the boundary. The transaction therefore first takes the calls table in
 * SHARE mode, which waits for the ingest transactions under way to commit and holds new ones back
 * until the reads are done (a few milliseconds for the monitor's hour of minutes; reads and other
 * summaries are not held up). The snapshot, taken at the first read after the lock, then holds
 * every call with an id up to the last handed out. The id is the table's, one sequence for every
 * tenant, as the live stream's event ids already show it. A table lock cannot be let go before
 * its transaction ends, so only minute summaries (at most two days of minutes: the live monitor's
 * reads) take it; an hour or day summary, which may add up months of rows, reads without it and
 * answers no id.
 */
export class SummarySnapshots {
  constructor(private readonly storage: PluginStorage) {}

  async read(filter: TrafficFilter, granularity: SummaryGranularity, window: { from: string; to: string }, groupBy?: SummaryGroupBy): Promise<SummarySnapshot> {
    const { knex, dialect } = this.storage;
    const calls = this.storage.table(TABLES.calls);
    const postgres = dialect === 'postgres';
    return knex.transaction(
      async (trx) => {
        const bounded = !postgres || granularity === 'minute';
        if (!bounded) return { sums: await new RollupStore(storageIn(this.storage, trx)).sums(filter, granularity, window, groupBy) };
        if (postgres) await trx.raw('lock table ?? in share mode', [calls]);
        const answer = (await trx.raw(LAST_CALL_ID[dialect], [calls])) as LastIdRows;
        const [row] = Array.isArray(answer) ? answer : answer.rows;
        const sums = await new RollupStore(storageIn(this.storage, trx)).sums(filter, granularity, window, groupBy);
        return { sums, throughCallId: toNumber(row?.through) };
      },
      // SQLite has no isolation levels to ask for (knex warns and ignores them): its transactions are snapshots.
      postgres ? { isolationLevel: 'repeatable read', readOnly: true } : undefined,
    );
  }
}

/** What trx.raw answers: SQLite's rows, or PostgreSQL's result holding them. */
type LastIdRows = { through: number | string }[] | { rows: { through: number | string }[] };

/** The plugin's storage with every query in `trx`, for a store that reads through its storage. */
function storageIn(storage: PluginStorage, trx: Knex.Transaction): PluginStorage {
  return {
    knex: trx,
    dialect: storage.dialect,
    prefix: storage.prefix,
    table: (name) => storage.table(name),
    from: (name) => storage.from(name).transacting(trx),
    forTenant: (name, identity) => storage.forTenant(name, identity).transacting(trx),
  };
}
