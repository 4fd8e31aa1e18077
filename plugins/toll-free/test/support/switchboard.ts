// The repository's shared test support (test/support: both databases, a real host, seeded tenants
// and users, the services on loopback, Chromium), for this plugin's tests. It is compiled to
// test/dist/support; this package compiles to dist/test/support, one level deeper than its
// sources, so one relative import cannot name it from both places. The types come from the
// sources (erased at build), the code from the compiled files, by a path from where this file runs.
import type * as Browser from '../../../../test/support/browser.js';
import type * as Databases from '../../../../test/support/databases.js';
import type * as FetchWithCa from '../../../../test/support/fetch-with-ca.js';
import type * as Host from '../../../../test/support/host.js';
import type * as Http from '../../../../test/support/http.js';
import type * as Identity from '../../../../test/support/identity.js';
import type * as SeededRandom from '../../../../test/support/seeded-random.js';
import type * as Services from '../../../../test/support/services.js';

const compiledSupport = new URL('../../../../../test/dist/support/', import.meta.url);
const load = <T>(file: string): Promise<T> => import(new URL(file, compiledSupport).href) as Promise<T>;

export const { cspCheckedPages, launchChromium, requireChromium, screenshot } = await load<typeof Browser>('browser.js');
export const { forEachDatabase, openPostgres } = await load<typeof Databases>('databases.js');
export const { seededRandom } = await load<typeof SeededRandom>('seeded-random.js');
export const { fetchWithCa } = await load<typeof FetchWithCa>('fetch-with-ca.js');
export const { startTestHost } = await load<typeof Host>('host.js');
export const { send } = await load<typeof Http>('http.js');
export const { seedTenant, seedUser, signIn, webClient } = await load<typeof Identity>('identity.js');
export const { describeWithService, natsServers } = await load<typeof Services>('services.js');

export type { DatabaseKind, TestDatabase } from '../../../../test/support/databases.js';
export type { TestHost } from '../../../../test/support/host.js';
export type { TestResponse } from '../../../../test/support/http.js';
export type { SeededUser } from '../../../../test/support/identity.js';
