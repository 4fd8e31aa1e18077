/**
 * True when a database error is a unique-key violation, on either dialect. Idempotent writes
 * (a migration claimed twice, a payment submitted twice) recognise "already there" with it.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === '23505') return true; // PostgreSQL unique_violation
  return code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && /UNIQUE constraint failed|PRIMARY KEY/i.test(message);
}
