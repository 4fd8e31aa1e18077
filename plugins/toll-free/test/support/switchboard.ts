// The repository's shared test support (test/support), for this plugin's tests. It is compiled to
// test/dist/support; this package compiles to dist/test/support, one level deeper than its
// sources, so one relative import cannot name it from both places. The types come from the
// sources (erased at build), the code from the compiled files, by a path from where this file runs.
import type * as Databases from '../../../../test/support/databases.js';
import type * as SeededRandom from '../../../../test/support/seeded-random.js';

const compiledSupport = new URL('../../../../../test/dist/support/', import.meta.url);
const load = <T>(file: string): Promise<T> => import(new URL(file, compiledSupport).href) as Promise<T>;

export const { forEachDatabase } = await load<typeof Databases>('databases.js');
export const { seededRandom } = await load<typeof SeededRandom>('seeded-random.js');

export type { DatabaseKind, TestDatabase } from '../../../../test/support/databases.js';
