import { startTestHost, type TestDatabase, type TestHost } from './switchboard.js';

/**
 * A real portal with the traffic plugin on a fresh database, signed-in users only (no fixture
 * identities). The samples are from 2024: raw records are kept long enough that the purge at start
 * leaves them be. `cleanup` stops the host and drops the database.
 */
export async function startTrafficHost(open: () => Promise<TestDatabase>, settings: Record<string, unknown> = {}): Promise<{ host: TestHost; cleanup: () => Promise<void> }> {
  const database = await open();
  const host = await startTestHost({
    plugins: { dirs: ['plugins', 'test/fixtures/plugins'], settings: { traffic: { rawRetentionDays: 3660, simulator: { enabled: false }, ...settings } } },
    database: { url: database.url, schema: database.schema ?? null },
    identity: { fixtures: null } as never,
  });
  return {
    host,
    cleanup: async () => {
      await host.dispose();
      await database.cleanup();
    },
  };
}
