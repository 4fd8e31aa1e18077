/**
 * True when a database error is a unique-key violation, on either dialect: how a write that lost a
 * race for a key (two plans claiming one number at once) is told from a real failure. The host has
 * the same check, but a plugin does not import the host, so it reads the drivers' codes itself.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === '23505') return true; // PostgreSQL: unique_violation
  return code === 'SQLITE_CONSTRAINT' && typeof message === 'string' && /UNIQUE constraint failed|PRIMARY KEY/i.test(message);
}
