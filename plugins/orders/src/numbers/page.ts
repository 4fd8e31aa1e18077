/** One page of a list in number order, and where the next one starts (null on the last page). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Keyset paging over rows read with `limit + 1`: the extra row only says that there is more, and the
 * last row shown is the cursor the next page starts after.
 */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? key(items[items.length - 1]!) : null };
}
