import { createHash } from 'node:crypto';
import type { FieldError } from '@switchboard/sdk';
import type { Direction, Service } from '../../cdr/call-record.js';
import { inferService } from '../../cdr/infer-service.js';
import { formatInstant } from '../../cdr/instants.js';
import { validateCallRecord, type CallRecordValidation } from '../../cdr/validate-call-record.js';
import { inEquipmentTerms, presentedNumber } from '../equipment-fields.js';
import type { ZoneClock } from '../zone-clock.js';
import { channelEndpoint } from './channel-names.js';
import { byColumn, MASTER_CSV_WIDTHS, type MasterCsvColumn } from './columns.js';
import { asteriskDisposition } from './dispositions.js';
import { nearest, wallTimeInstants } from './wall-times.js';

export interface MasterCsvRowContext {
  source: string;
  clock: ZoneClock;
  direction: Direction;
  service?: Service;
}

/** Canonical fields -> the Master.csv columns they come from, to name errors in Asterisk's terms. */
const COLUMN_OF: Readonly<Record<string, MasterCsvColumn>> = {
  sourceId: 'uniqueid',
  callingNumber: 'src',
  dialedNumber: 'dst',
  startedAt: 'start',
  answeredAt: 'answer',
  endedAt: 'end',
  durationSeconds: 'duration',
  billableSeconds: 'billsec',
  disposition: 'disposition',
};

/**
 * One Master.csv row as a canonical record. Times are read in the switch's zone; in the hour
 * repeated when clocks go back, the start is taken as the earlier reading and the answer and end
 * as the readings that agree with billsec and duration.
 *
 * The source id: Asterisk writes several rows with the same uniqueid for one channel (a Dial to
 * several phones, a transfer), so uniqueid alone would fold distinct rows into one. With
 * newcdrcolumns, uniqueid and the CDR sequence number identify a row; without, uniqueid and a
 * digest of the row's text, which is the same when a file is sent again and differs between rows.
 */
export function masterCsvRow(fields: readonly string[], text: string, context: MasterCsvRowContext): CallRecordValidation {
  if (!(MASTER_CSV_WIDTHS as readonly number[]).includes(fields.length)) {
    return {
      errors: [{ field: '', message: `has ${fields.length} columns; cdr_csv writes ${MASTER_CSV_WIDTHS.join(' or ')} (loguniqueid and loguserfield on, newcdrcolumns off or on)` }],
    };
  }
  const row = byColumn(fields);
  const errors: FieldError[] = [];
  const whole = (column: MasterCsvColumn): number | undefined => {
    const value = row[column]!;
    if (/^\d+$/.test(value)) return Number(value);
    errors.push({ field: column, message: 'is not a whole number of seconds' });
    return undefined;
  };
  const duration = whole('duration');
  const billsec = whole('billsec');

  const times: Partial<Record<'start' | 'answer' | 'end', number>> = {};
  const readTime = (column: 'start' | 'answer' | 'end', expected: (instants: number[]) => number) => {
    if (row[column] === '') return;
    const read = wallTimeInstants(context.clock, row[column]!);
    if ('problem' in read) errors.push({ field: column, message: read.problem });
    else times[column] = expected(read.instants);
  };
  readTime('start', (instants) => instants[0]!);
  readTime('end', (instants) => (times.start === undefined ? instants[0]! : nearest(instants, times.start + (duration ?? 0) * 1000)));
  readTime('answer', (instants) => (times.end === undefined ? instants[0]! : nearest(instants, times.end - (billsec ?? 0) * 1000)));

  const disposition = asteriskDisposition(row.disposition!);
  if (!disposition) errors.push({ field: 'disposition', message: 'is not ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION' });
  const uniqueid = row.uniqueid!.trim();
  if (uniqueid === '') errors.push({ field: 'uniqueid', message: 'is required (set loguniqueid=yes in cdr.conf [csv])' });
  const distinguisher = fields.length === 21 ? row.sequence! : createHash('sha256').update(text).digest('hex').slice(0, 12);

  const direction = context.direction;
  const validation = validateCallRecord({
    source: context.source,
    sourceId: uniqueid === '' ? undefined : `${uniqueid}:${distinguisher}`,
    service: context.service ?? inferService(row.dst!, direction),
    direction,
    callingNumber: presentedNumber(row.src || numberInCallerId(row.clid!)),
    dialedNumber: row.dst,
    startedAt: times.start === undefined ? undefined : formatInstant(times.start),
    answeredAt: times.answer === undefined ? null : formatInstant(times.answer),
    endedAt: times.end === undefined ? undefined : formatInstant(times.end),
    durationSeconds: duration,
    billableSeconds: billsec,
    disposition,
    // An inbound call arrives on `channel` and is sent on to `dstchannel`; an outbound call leaves on `dstchannel`.
    trunk: channelEndpoint(direction === 'inbound' ? row.channel! : row.dstchannel!),
    destination: direction === 'inbound' ? channelEndpoint(row.dstchannel!) : null,
  });
  if ('record' in validation && !errors.length) return validation;
  const seen = new Set(errors.map((error) => error.field));
  const named = 'errors' in validation ? inEquipmentTerms(validation.errors, COLUMN_OF) : [];
  return { errors: [...errors, ...named.filter((error) => !seen.has(error.field))] };
}

/** `"Alice" <3125550142>` -> `3125550142`. */
function numberInCallerId(clid: string): string | undefined {
  return /<([^>]*)>\s*$/.exec(clid)?.[1];
}
