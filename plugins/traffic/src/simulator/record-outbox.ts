import type { Identity, Logger } from '@switchboard/sdk';
import { validateCallRecord } from '../cdr/validate-call-record.js';
import type { ParsedRecord } from '../parsers/parsed-record.js';
import { RECORDS_PER_BATCH, type CdrIngest } from '../server/ingest.js';
import type { SimulatedCall } from './simulated-call.js';
import { simulatedRecord } from './simulated-record.js';

/**
 * Ended calls kept while the database cannot take them; beyond this the oldest are let go, since
 * a simulator that fills memory during an outage helps nobody.
 */
const MAX_WAITING = 100_000;

/** What one send did: calls stored, and the tenants whose numbers the ingest no longer attributes to them. */
export interface SendResult {
  stored: number;
  unknownNumberTenants: Set<string>;
}

/**
 * The simulator's CDR feed: the calls that ended, as canonical records, through the one ingest path
 * (CdrIngest.ingest) in transactions of RECORDS_PER_BATCH, with the simulator's network-element
 * identity. When a batch cannot be committed it waits for the next send; its records have unique
 * source ids, so one that did commit after all comes back as a duplicate, never as a second call.
 */
export class RecordOutbox {
  private waiting: SimulatedCall[] = [];
  private failing = false;

  constructor(
    private readonly ingest: Pick<CdrIngest, 'ingest'>,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.waiting.length;
  }

  add(calls: readonly SimulatedCall[]): void {
    this.waiting.push(...calls);
    if (this.waiting.length > MAX_WAITING) {
      const dropped = this.waiting.length - MAX_WAITING;
      this.waiting = this.waiting.slice(dropped);
      this.logger.warn({ dropped }, 'simulated calls dropped: the ingest has not taken them for too long');
    }
  }

  /** Sends what is waiting; stops at the first batch that fails, keeping it and the rest for next time. */
  async send(sender: Identity): Promise<SendResult> {
    const result: SendResult = { stored: 0, unknownNumberTenants: new Set() };
    while (this.waiting.length) {
      const batch = this.waiting.slice(0, RECORDS_PER_BATCH);
      const parsed: ParsedRecord[] = batch.map((call, index) => ({ position: { index }, ...validateCallRecord(simulatedRecord(call)) }));
      try {
        const answer = await this.ingest.ingest(parsed, sender);
        result.stored += answer.stored;
        for (const refusal of answer.refused) {
          const call = batch[(refusal as { index: number }).index]!;
          if (refusal.code === 'unknown_number') result.unknownNumberTenants.add(call.tenantId);
          else this.logger.error({ callId: call.callId, errors: refusal.errors }, 'the simulator made a call record the ingest refuses');
        }
      } catch (error) {
        // Once per outage, not once per tick.
        if (!this.failing) this.logger.warn({ err: error, waiting: this.waiting.length }, 'simulated calls cannot be stored; they wait and are sent again each tick');
        this.failing = true;
        return result;
      }
      if (this.failing) this.logger.info('simulated calls are stored again');
      this.failing = false;
      this.waiting = this.waiting.slice(batch.length);
    }
    return result;
  }
}
