import type { CallRecord, CallRecordInput, Disposition } from '../../src/cdr/call-record.js';
import { validateCallRecord } from '../../src/cdr/validate-call-record.js';
import { seededRandom } from './switchboard.js';

/** A valid canonical record as a sender would give it; override any field. */
export function callInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'sbc-nyc-2',
    sourceId: 'call-1',
    service: 'toll-free',
    direction: 'inbound',
    callingNumber: '+12125550131',
    dialedNumber: '+18005550199',
    startedAt: '2024-03-01T14:59:48.250Z',
    answeredAt: '2024-03-01T14:59:54.910Z',
    endedAt: '2024-03-01T15:03:12.400Z',
    durationSeconds: 204,
    billableSeconds: 197,
    disposition: 'answered',
    releaseCause: 16,
    destination: '+13125550100',
    routingPlanId: 'acme-main',
    routingPlanVersion: 7,
    callCenter: 'chicago',
    trunk: 'carrier-east',
    ...overrides,
  } satisfies Partial<Record<keyof CallRecordInput, unknown>>;
}

/** The canonical record of a valid input; fails the test when it is not valid. */
export function callRecord(overrides: Record<string, unknown> = {}): CallRecord {
  const result = validateCallRecord(callInput(overrides));
  if ('errors' in result) throw new Error(`test record is invalid: ${JSON.stringify(result.errors)}`);
  return result.record;
}


const CALLERS = ['+12125550131', '+13125550187', '+14165550178', '+19025550127', '+18765550140', '+12085550111', null];
const DIALED = ['+18005550199', '+18885550123', '+18005550142'];
const CENTERS: (string | null)[] = ['chicago', 'toronto', null];
const TENANTS: (string | null)[] = ['acme', 'globex', null];

export interface RandomCallsShape {
  /** Over how long the calls start; default three hours. */
  spanSeconds?: number;
  /** One tenant, one dialed number, one call center: the traffic of one busy toll-free number. */
  oneNumber?: boolean;
}

/** A varied batch of calls: every disposition, and (unless oneNumber) several tenants, numbers and centers; callers from several origins. */
export function randomCalls(count: number, seed: number, { spanSeconds = 3 * 3600, oneNumber = false }: RandomCallsShape = {}): CallRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const base = Date.parse('2024-03-01T13:00:00Z');
  const calls: CallRecord[] = [];
  for (let n = 0; n < count; n++) {
    const start = base + Math.floor(random() * spanSeconds) * 1000 + Math.floor(random() * 1000);
    const disposition = pick<Disposition>(['answered', 'answered', 'answered', 'busy', 'no-answer', 'failed', 'blocked']);
    const ring = Math.floor(random() * 20) * 1000;
    const talk = disposition === 'answered' ? Math.floor(random() * 600) * 1000 + 500 : 0;
    const cause = { answered: 16, busy: 17, 'no-answer': pick([16, 18, 19]), failed: pick([21, 34, 41]), blocked: pick([21, 52]) }[disposition];
    const center = oneNumber ? 'chicago' : pick(CENTERS);
    const record = callRecord({
      sourceId: `rand-${seed}-${n}`,
      callingNumber: pick(CALLERS),
      dialedNumber: oneNumber ? DIALED[0] : pick(DIALED),
      startedAt: new Date(start).toISOString(),
      answeredAt: disposition === 'answered' ? new Date(start + ring).toISOString() : null,
      endedAt: new Date(start + ring + talk).toISOString(),
      durationSeconds: null,
      billableSeconds: null,
      disposition,
      releaseCause: cause,
      destination: center ? `cc-${center}` : null,
      callCenter: center,
    });
    calls.push({ ...record, tenantId: oneNumber ? 'acme' : pick(TENANTS) });
  }
  return calls;
}
