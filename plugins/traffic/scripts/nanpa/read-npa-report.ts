import { splitCsvLine } from '../../src/parsers/csv-line.js';

/** One row of NANPA's npa_report.csv, keyed by the report's own column names. */
export type NpaReportRow = Readonly<Record<string, string>>;

export interface NpaReport {
  /** The report's "File Date" line, as NANPA wrote it (MM/DD/YYYY). */
  fileDate: string;
  rows: NpaReportRow[];
}

/** The column whose values NANPA wrote with a bare comma ("Alberta, Canada"). */
const SPLIT_PRONE_COLUMN = 'AREA_SERVED';

/**
 * Reads the report: a "File Date" line, a header, one row per NPA. Three rows (368, 428, 474)
 * carry an unquoted comma in AREA_SERVED, so they split into one field too many; those extra
 * pieces are joined back into AREA_SERVED. Any other shape is refused loudly, naming the line,
 * rather than shifting every later column of a row by one.
 */
export function readNpaReport(text: string): NpaReport {
  const lines = text.split(/\r?\n/);
  const dateLine = splitCsvLine(lines[0] ?? '');
  if ('error' in dateLine || dateLine.fields[0] !== 'File Date' || !dateLine.fields[1]) {
    throw new Error('line 1: expected "File Date,MM/DD/YYYY"');
  }
  const headerLine = splitCsvLine(lines[1] ?? '');
  if ('error' in headerLine) throw new Error(`line 2 (header): ${headerLine.error}`);
  const header = headerLine.fields;
  const splitProne = header.indexOf(SPLIT_PRONE_COLUMN);
  if (header[0] !== 'NPA_ID' || splitProne < 0) throw new Error('line 2: expected a header starting NPA_ID and naming AREA_SERVED');

  const rows: NpaReportRow[] = [];
  for (let index = 2; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const parsed = splitCsvLine(line);
    if ('error' in parsed) throw new Error(`line ${index + 1}: ${parsed.error}`);
    const fields = joinSplitField(parsed.fields, header.length, splitProne, index + 1);
    rows.push(Object.fromEntries(header.map((name, column) => [name, fields[column]!.trim()])));
  }
  return { fileDate: dateLine.fields[1], rows };
}

function joinSplitField(fields: string[], expected: number, column: number, lineNumber: number): string[] {
  if (fields.length === expected) return fields;
  const extra = fields.length - expected;
  if (extra < 0) throw new Error(`line ${lineNumber}: ${fields.length} fields, expected ${expected}`);
  // Only a free-text place name may have split; its pieces read "Alberta" + " Canada".
  const pieces = fields.slice(column, column + extra + 1);
  if (!pieces.every((piece) => /^[A-Za-z .'-]*$/.test(piece))) {
    throw new Error(`line ${lineNumber}: ${fields.length} fields, expected ${expected}, and ${SPLIT_PRONE_COLUMN} does not look like a split place name`);
  }
  return [...fields.slice(0, column), pieces.join(','), ...fields.slice(column + extra + 1)];
}
