import type { Disposition } from '../../cdr/call-record.js';

/**
 * Asterisk's CDR dispositions: the words cdr_csv writes, and the numbers newer back ends use
 * (domain spec §5.2). CONGESTION (all circuits busy, Q.850 34) is a network failure, not a busy
 * called party, so it counts as failed.
 */
const DISPOSITIONS: Readonly<Record<string, Disposition>> = {
  ANSWERED: 'answered',
  'NO ANSWER': 'no-answer',
  BUSY: 'busy',
  FAILED: 'failed',
  CONGESTION: 'failed',
  '0': 'no-answer',
  '1': 'no-answer',
  '2': 'failed',
  '4': 'busy',
  '8': 'answered',
  '16': 'failed',
};

export function asteriskDisposition(value: string): Disposition | undefined {
  return DISPOSITIONS[value.trim().toUpperCase()];
}
