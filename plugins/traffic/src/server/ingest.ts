import type { EventBus, Identity, Logger } from '@switchboard/sdk';
import type { ParsedRecord } from '../parsers/parsed-record.js';
import { attribute, attributionNumber, type Refusal } from './attribute.js';
import type { CallStore } from './call-store.js';
import type { NumberRegistry } from './number-registry.js';
import { publishCommitted } from './publish.js';

/** What a sender is told about a batch, once the good records in it are committed. */
export interface IngestAnswer {
  stored: number;
  duplicates: number;
  refused: Refusal[];
}

/**
 * The one ingest path every format goes through: parsed records are attributed to the tenants
 * owning their numbers, the good ones stored with their rollups in one transaction, and the calls
 * that went in published after the commit. Bad records are refused one by one; they never stop
 * the good ones of their batch.
 */
export class CdrIngest {
  constructor(
    private readonly calls: CallStore,
    private readonly numbers: NumberRegistry,
    private readonly events: EventBus,
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
    const { committed, duplicates } = await this.calls.ingest(calls);
    await publishCommitted(this.events, this.logger, committed);
    return { stored: committed.length, duplicates, refused };
  }
}
