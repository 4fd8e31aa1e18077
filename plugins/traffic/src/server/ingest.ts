import type { Identity, Logger } from '@switchboard/sdk';
import type { ParsedRecord, RecordPosition } from '../parsers/parsed-record.js';
import { attribute, attributionNumber, type Refusal } from './attribute.js';
import type { CallStore } from './call-store.js';
import type { CommittedPublisher } from './committed-publisher.js';
import type { NumberRegistry } from './number-registry.js';

/** What a sender is told about a batch, once the good records in it are committed. */
export interface IngestAnswer {
  stored: number;
  duplicates: number;
  refused: Refusal[];
}

/**
 * Records per transaction of a streamed upload: small enough that a cut stream loses little and
 * locks are held briefly, large enough that the multi-row inserts and rollup upserts pay off.
 */
export const RECORDS_PER_BATCH = 1_000;

/**
 * A streamed upload that stopped before its end (over the size limit, the sender went away, the
 * database failed): what the batches committed before it said, and where the last one ended.
 * Those batches stay stored; nothing after `committedThrough` was.
 */
export class IngestCut extends Error {
  constructor(
    readonly committed: IngestAnswer,
    readonly committedThrough: RecordPosition | null,
    override readonly cause: unknown,
  ) {
    super(`upload cut after ${committed.stored} stored records`);
    this.name = 'IngestCut';
  }
}

/**
 * The one ingest path every format goes through: parsed records are attributed to the tenants
 * owning their numbers, the good ones stored with their rollups in one transaction, and the calls
 * that went in published after the commit (the answer does not wait for that: CommittedPublisher).
 * Bad records are refused one by one; they never stop the good ones of their batch.
 */
export class CdrIngest {
  constructor(
    private readonly calls: CallStore,
    private readonly numbers: NumberRegistry,
    private readonly publisher: CommittedPublisher,
    private readonly logger: Logger,
  ) {}

  async ingest(parsed: readonly ParsedRecord[], sender: Identity): Promise<IngestAnswer> {
    const numbers: string[] = [];
    for (const item of parsed) {
      const number = 'record' in item ? attributionNumber(item.record).number : null;
      if (number !== null) numbers.push(number);
    }
    const owners = await this.numbers.owners(numbers);
    const { calls, refused } = attribute(parsed, owners, new Set(sender.tenants));
    const { committed, duplicates, outboxId } = await this.calls.ingest(calls);
    if (outboxId !== null) this.publisher.publish(committed, outboxId);
    return { stored: committed.length, duplicates, refused };
  }

  /**
   * A stream of records (an NDJSON or CSV upload, a large JSON array) in transactions of
   * `batchSize` records, each committed before more of the stream is read. Resolves once the last
   * batch is committed, so a 2xx built from it means every good record is stored. When the stream
   * fails part way, throws IngestCut: the batches committed so far stay (re-sending the whole
   * upload is safe, they come back as duplicates), the batch being gathered is dropped whole.
   */
  async ingestStream(parsed: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>, sender: Identity, batchSize = RECORDS_PER_BATCH): Promise<IngestAnswer> {
    const total: IngestAnswer = { stored: 0, duplicates: 0, refused: [] };
    let committedThrough: RecordPosition | null = null;
    let batch: ParsedRecord[] = [];
    const commit = async () => {
      if (!batch.length) return;
      const answer = await this.ingest(batch, sender);
      total.stored += answer.stored;
      total.duplicates += answer.duplicates;
      total.refused.push(...answer.refused);
      committedThrough = batch[batch.length - 1]!.position;
      batch = [];
    };
    try {
      for await (const item of parsed) {
        batch.push(item);
        if (batch.length >= batchSize) await commit();
      }
      await commit();
    } catch (error) {
      this.logger.warn({ sender: sender.subject, committed: { stored: total.stored, duplicates: total.duplicates, refused: total.refused.length }, committedThrough, error }, 'CDR upload cut; its committed batches stay stored');
      throw new IngestCut(total, committedThrough, error);
    }
    return total;
  }
}
