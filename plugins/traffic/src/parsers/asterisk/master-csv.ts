import type { Direction, Service } from '../../cdr/call-record.js';
import { splitCsvLine } from '../csv-line.js';
import type { ParsedRecord } from '../parsed-record.js';
import { readLines } from '../read-lines.js';
import { ZoneClock } from '../zone-clock.js';
import { masterCsvRow, type MasterCsvRowContext } from './master-csv-row.js';

export interface AsteriskCsvOptions {
  /** The switch the file comes from; its uniqueids are unique only within it. */
  source: string;
  /** The IANA zone of the switch's clock, in which cdr_csv writes its times ('UTC' with usegmtime=yes). */
  timeZone: string;
  /** Direction of the calls in the file; default inbound (a carrier's toll-free switch). */
  direction?: Direction;
  /** The service, for a switch that carries only one; otherwise inferred from direction and dialed number. */
  service?: Service;
  /** Longest line read, in bytes; default 64 KiB (cdr_csv's own buffer is 1 KiB). */
  maxLineBytes?: number;
}

/**
 * Asterisk's Master.csv (cdr_csv), read line by line from a stream of chunks: one record or one
 * list of errors per non-blank line, with its line number. Throws RangeError on the call for a
 * time zone this Node.js does not know: a configuration mistake, not a bad record.
 */
export function parseAsteriskMasterCsv(chunks: AsyncIterable<Uint8Array | string>, options: AsteriskCsvOptions): AsyncGenerator<ParsedRecord> {
  const context: MasterCsvRowContext = {
    source: options.source,
    clock: new ZoneClock(options.timeZone),
    direction: options.direction ?? 'inbound',
    service: options.service,
  };
  return rows(chunks, context, options.maxLineBytes ?? 64 * 1024);
}

async function* rows(chunks: AsyncIterable<Uint8Array | string>, context: MasterCsvRowContext, maxLineBytes: number): AsyncGenerator<ParsedRecord> {
  for await (const item of readLines(chunks, { maxLineBytes })) {
    const position = { line: item.line };
    if ('problem' in item) {
      yield { position, errors: [{ field: '', message: `line ${item.problem}` }] };
      continue;
    }
    if (item.text.trim() === '') continue;
    const split = splitCsvLine(item.text);
    if ('error' in split) {
      yield { position, errors: [{ field: '', message: `is not a CSV line: ${split.error}` }] };
      continue;
    }
    const result = masterCsvRow(split.fields, item.text, context);
    yield 'record' in result ? { position, record: result.record } : { position, errors: result.errors };
  }
}
