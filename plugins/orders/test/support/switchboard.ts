// The repository's shared test support (test/support: both databases, a real host, seeded tenants
// and users), for this plugin's storage and API tests. It is compiled to test/dist/support; this
// package compiles to dist/test/support, one level deeper than its sources, so one relative import
// cannot name it from both places. The types come from the sources (erased at build), the code
// from the compiled files, by a path from where this file runs.
import type * as Databases from '../../../../test/support/databases.js';
import type * as Host from '../../../../test/support/host.js';
import type * as Identity from '../../../../test/support/identity.js';
import type * as Browser from '../../../../test/support/browser.js';
import type * as SseClient from '../../../../test/support/sse-client.js';
import type * as Wait from '../../../../test/events/wait.js';

const compiledSupport = new URL('../../../../../test/dist/support/', import.meta.url);
const load = <T>(file: string): Promise<T> => import(new URL(file, compiledSupport).href) as Promise<T>;

export const { cspCheckedPages, launchChromium, requireChromium, screenshot } = await load<typeof Browser>('browser.js');
export const { openEventStream } = await load<typeof SseClient>('sse-client.js');
export const { forEachDatabase } = await load<typeof Databases>('databases.js');
export const { startTestHost } = await load<typeof Host>('host.js');
export const { seedTenant, seedUser, signIn, webClient } = await load<typeof Identity>('identity.js');
export const { until } = await load<typeof Wait>('../events/wait.js');

export type { DatabaseKind, TestDatabase } from '../../../../test/support/databases.js';
export type { TestHost } from '../../../../test/support/host.js';
export type { TestResponse } from '../../../../test/support/http.js';
export type { SeededUser } from '../../../../test/support/identity.js';
export type { SseEvent } from '../../../../test/support/sse-client.js';
