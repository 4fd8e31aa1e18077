/**
 * Derives src/reference/npa-table.ts from NANPA's area-code report. The report stays in the
 * shared folder next to the repository; only the derived table is committed.
 *
 *   npm run build && npm run build:npa-table -w @switchboard/plugin-traffic [-- <path to npa_report.csv>]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deriveNpaEntries } from './nanpa/derive-entries.js';
import { readNpaReport } from './nanpa/read-npa-report.js';
import { renderNpaTable } from './nanpa/render-table.js';

/** The package folder: this file runs from dist/scripts/. */
const packageDir = new URL('../../', import.meta.url);
const DEFAULT_REPORT = fileURLToPath(new URL('../../../shared/data/npa_report.csv', packageDir));
const TABLE = fileURLToPath(new URL('src/reference/npa-table.ts', packageDir));

async function main(reportPath: string): Promise<void> {
  const report = readNpaReport(await readFile(reportPath, 'latin1'));
  const entries = deriveNpaEntries(report);
  for (const [npa, entry] of entries) {
    for (const zone of entry.timeZones) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
      } catch {
        throw new Error(`NPA ${npa}: "${zone}" is not a time zone this Node.js knows`);
      }
    }
  }
  await writeFile(TABLE, renderNpaTable(entries, report.fileDate));
  const geographic = [...entries.values()].filter((entry) => entry.use === 'geographic').length;
  console.log(`${TABLE}: ${entries.size} NPAs (${geographic} geographic) from ${reportPath}, file date ${report.fileDate}`);
}

main(process.argv[2] ?? DEFAULT_REPORT).catch((error: unknown) => {
  console.error(`build-npa-table: ${(error as Error).message}`);
  process.exitCode = 1;
});
