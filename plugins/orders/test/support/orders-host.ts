import { fileURLToPath } from 'node:url';
import { startTestHost, type TestDatabase, type TestHost } from './switchboard.js';

/** The plugin's own package folder, and the fixture plugins that declare services to order. */
const pluginDir = fileURLToPath(new URL('../../../', import.meta.url));
const fixturePlugins = fileURLToPath(new URL('../../../test/fixtures/plugins/', import.meta.url));

/**
 * A real portal with the orders plugin and the fixture plugins whose services it sells, on a fresh
 * database, signed-in users only (no fixture identities). `cleanup` stops the host and drops the
 * database.
 */
export async function startOrdersHost(open: () => Promise<TestDatabase>, settings: Record<string, unknown> = {}): Promise<{ host: TestHost; cleanup: () => Promise<void> }> {
  const database = await open();
  const host = await startTestHost({
    plugins: { dirs: [fixturePlugins], packages: [pluginDir], settings: { orders: settings } },
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
