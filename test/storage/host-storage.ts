/**
 * The host's storage module, as the tests load it. Tests compile to test/dist, one folder deeper
 * than their sources, so no single relative path suits both TypeScript (which reads host/src
 * through the project reference) and Node (which runs host/dist): the types come from the
 * source path, the code from the built one. Once `@switchboard/host` exports storage, import that.
 */
import type * as Storage from '../../host/src/storage/index.js';

export type * from '../../host/src/storage/index.js';

const storage = (await import(new URL('../../../host/dist/storage/index.js', import.meta.url).href)) as typeof Storage;

export const {
  openDatabase,
  listTablesIn,
  isPostgresUrl,
  redactPassword,
  createPluginStorage,
  loadMigrationsFrom,
  runMigrations,
  migrationStatus,
  MigrationError,
  MIGRATIONS_TABLE,
  isUniqueViolation,
} = storage;
