export { openDatabase, listTablesIn, isPostgresUrl, redactPassword, type Database, type DatabaseOptions, type DatabaseLog } from './database.js';
export { createPluginStorage } from './plugin-storage.js';
export {
  loadMigrationsFrom,
  runMigrations,
  migrationStatus,
  MigrationError,
  MIGRATIONS_TABLE,
  type NamedMigration,
  type MigrationSet,
} from './migrations.js';
export { isUniqueViolation } from './unique-violation.js';
