import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The package folder: tests run from dist/test/<dir>/, samples stay in test/samples/. */
const packageDir = new URL('../../../', import.meta.url);

export const samplePath = (name: string) => fileURLToPath(new URL(`test/samples/${name}`, packageDir));

export const readSample = (name: string) => readFile(samplePath(name), 'utf8');

/** A sample as a file stream, as an upload or a watched folder would give it. */
export const streamSample = (name: string) => createReadStream(samplePath(name), { highWaterMark: 1024 });

/** NANPA's report, which stays next to the repository; undefined where it is not checked out. */
export function npaReportPath(): string | undefined {
  const path = fileURLToPath(new URL('../../../shared/data/npa_report.csv', packageDir));
  return existsSync(path) ? path : undefined;
}

/** Some bytes as a stream of chunks of the given sizes (cycled), as a network delivers them. */
export async function* inChunks(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let turn = 0; at < bytes.length; turn++) {
    const size = sizes[turn % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** Everything an async iterable yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
