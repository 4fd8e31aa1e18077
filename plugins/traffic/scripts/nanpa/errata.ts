import type { NpaReportRow } from './read-npa-report.js';

/**
 * Corrections to the 2020-03-01 report, each with the value the report has, the value used, and
 * why. An erratum applies only while the report still carries the wrong value, and the build
 * fails when one no longer matches, so a corrected newer report retires it instead of being
 * overwritten by it.
 */
interface Erratum {
  npa: string;
  column: string;
  reported: string;
  corrected: string;
  why: string;
}

const ERRATA: readonly Erratum[] = [
  {
    npa: '214',
    column: 'LOCATION',
    reported: '',
    corrected: 'TX',
    why: 'Dallas; the report leaves the location blank, while its overlay partners 469 and 972 are TX',
  },
  {
    npa: '428',
    column: 'TIME_ZONE',
    reported: 'E',
    corrected: 'A',
    why: 'New Brunswick lies wholly in Atlantic time, as its parent NPA 506 is listed',
  },
];

export function applyErrata(rows: readonly NpaReportRow[]): NpaReportRow[] {
  const byNpa = new Map(rows.map((row) => [row.NPA_ID!, row]));
  const corrected = new Map<string, NpaReportRow>();
  for (const erratum of ERRATA) {
    const row = corrected.get(erratum.npa) ?? byNpa.get(erratum.npa);
    if (!row) throw new Error(`erratum for NPA ${erratum.npa}: the report has no such NPA`);
    if (row[erratum.column] !== erratum.reported) {
      throw new Error(
        `erratum for NPA ${erratum.npa} ${erratum.column}: expected the report to say "${erratum.reported}", ` +
          `it says "${row[erratum.column]}"; review and remove the erratum (${erratum.why})`,
      );
    }
    corrected.set(erratum.npa, { ...row, [erratum.column]: erratum.corrected });
  }
  return rows.map((row) => corrected.get(row.NPA_ID!) ?? row);
}
