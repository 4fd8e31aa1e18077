/**
 * Columns of Asterisk's cdr_csv Master.csv, in the order it writes them. `uniqueid` and
 * `userfield` are written when cdr.conf's [csv] section sets loguniqueid and loguserfield (as
 * its sample does); `newcdrcolumns` adds peeraccount, linkedid and sequence.
 */
export const MASTER_CSV_COLUMNS = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata',
  'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield',
  'peeraccount', 'linkedid', 'sequence',
] as const;

export type MasterCsvColumn = (typeof MASTER_CSV_COLUMNS)[number];

/** With loguniqueid and loguserfield; and with newcdrcolumns as well. */
export const MASTER_CSV_WIDTHS = [18, 21] as const;

/** A row's fields by column name. */
export function byColumn(fields: readonly string[]): Partial<Record<MasterCsvColumn, string>> {
  return Object.fromEntries(fields.map((value, index) => [MASTER_CSV_COLUMNS[index], value]));
}
