/** The credential tables of migration 003-credentials. */
export const PASSWORDS_TABLE = 'host_passwords';
export const TOTP_TABLE = 'host_totp';
export const RECOVERY_CODES_TABLE = 'host_recovery_codes';
export const LOGIN_FAILURES_TABLE = 'host_login_failures';
export const LOGIN_LOCKS_TABLE = 'host_login_locks';

/** Stored times are ISO 8601 UTC text, which compares as time does. */
export function isoTime(at: Date): string {
  return at.toISOString();
}
