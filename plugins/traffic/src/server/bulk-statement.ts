import type { Knex } from 'knex';
import type { Dialect } from '@switchboard/sdk';

/** A column of a bulk insert, with the SQL type its JSON value is read as. */
export interface BulkColumn {
  name: string;
  type: 'text' | 'integer' | 'bigint';
}

type Row = Record<string, unknown>;

/**
 * A multi-row INSERT (with its ON CONFLICT and RETURNING tail) whose rows travel as one JSON
 * array of arrays, bound as a single value, and are unpacked by the database itself (SQLite's
 * jsonb_each, PostgreSQL's jsonb_array_elements): one text for every batch size, prepared the
 * same way each time.
 *
 * Why not a multi-row VALUES list: its 24,000 bound values for a 1,000-call batch cost the event
 * loop more than the database's whole insert. knex compiles such an insert in tens of
 * milliseconds (trx.raw alone rewrites the text once per value: 16 ms on SQLite, 47 on
 * PostgreSQL), and even passed straight to the driver, node-sqlite3 converts each value on the
 * main thread (about 25 ms a batch). One JSON text is built natively in a few milliseconds and
 * parsed in C, off the event loop, for about what the bindings cost the database (measured with
 * test/bench/traffic.ts and a profile of the portal). Table and column names come from this
 * plugin's code, never from input; every value is data inside the one bound parameter.
 */
export class BulkInsert {
  private readonly text: string;

  constructor(
    private readonly dialect: Dialect,
    table: string,
    private readonly columns: readonly BulkColumn[],
    /** What follows the rows: `on conflict ... do ...`, `returning ...`, in the dialects' shared syntax. */
    tail: string,
  ) {
    const names = columns.map((column) => quote(column.name)).join(', ');
    // "where true": after a bare FROM, SQLite would read the ON of ON CONFLICT as a join's.
    this.text =
      dialect === 'postgres'
        ? `insert into ${quote(table)} (${names}) select ${columns.map((column, at) => `(value->>${at})::${column.type}`).join(', ')} from jsonb_array_elements(?::jsonb) with ordinality as input(value, position) where true order by position ${tail}`
        : `insert into ${quote(table)} (${names}) select ${columns.map((_, at) => `value->>${at}`).join(', ')} from jsonb_each(?) where true ${tail}`;
  }

  /**
   * Inserts rows (each the columns' values in their order) in the transaction, in the order given;
   * returns what RETURNING gives (nothing without one).
   */
  async run(trx: Knex.Transaction, rows: readonly (readonly unknown[])[]): Promise<Row[]> {
    if (!rows.length) return [];
    const width = this.columns.length;
    if (rows.some((row) => row.length !== width)) throw new RangeError(`every row needs ${width} values`);
    const result: unknown = await trx.raw(this.text, [JSON.stringify(rows)]);
    // knex answers raw SQL with the driver's own result: node-postgres' has the rows in `rows`.
    return this.dialect === 'postgres' ? (result as { rows: Row[] }).rows : (result as Row[]);
  }
}

/** An identifier quoted for both dialects. */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
