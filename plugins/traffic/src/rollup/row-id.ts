/**
 * One string that names a rollup row by its key columns, for finding the row of a call in a Map
 * and for sorting rows. The columns are joined by "\0\0"; a NUL inside a column (free text may hold
 * any character) is written "\0\u0001", so no two keys share an id. Comparing ids as strings
 * orders rows by their columns, one after another, as SQL orders a composite key; any one fixed
 * order serves the upserts, which only need every batch to take row locks in the same order.
 */
export function rowId(columns: readonly string[]): string {
  let id = '';
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    if (i > 0) id += '\0\0';
    id += column.includes('\0') ? column.replaceAll('\0', '\0\u0001') : column;
  }
  return id;
}

/** The order of row ids (UTF-16 code units, as JavaScript compares strings). */
export const compareRowIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
