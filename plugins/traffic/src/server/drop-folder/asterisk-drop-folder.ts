import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isEntitled, type Clock, type Identity, type Logger } from '@switchboard/sdk';
import type { Direction, Service } from '../../cdr/call-record.js';
import { parseAsteriskMasterCsv } from '../../parsers/asterisk/master-csv.js';
import { IngestCut, type CdrIngest, type IngestAnswer } from '../ingest.js';
import { SettledFiles } from './settled-files.js';

/** One watched folder (`plugins.settings.traffic.asteriskDropFolders[]`). */
export interface AsteriskDropFolderSetting {
  /** Where the switch, or its log rotation, drops finished Master.csv files. */
  path: string;
  /** The network client the files come from: their records' source, and whose customers they may be attributed to. */
  clientId: string;
  /** The IANA zone of the switch's clock ('UTC' with usegmtime=yes). */
  timeZone: string;
  direction?: Direction;
  service?: Service;
}

/** What became of one file, as written next to it in done/ or failed/. */
export interface DropOutcome {
  file: string;
  finishedAt: string;
  answer: IngestAnswer;
  /** Why the file stopped before its end (it is in failed/); what was committed before stays stored. */
  error?: string;
}

const ENTITLEMENT = 'traffic:network.cdrs.write';

/**
 * A folder an Asterisk switch drops its Master.csv files into, read through the same ingest path
 * as an upload, as the configured network client. A file moves from the folder to `processing/`
 * before it is read, and to `done/` (or `failed/`) with a `.result.json` beside it once every
 * batch of it is committed; a file found in `processing/` at start (the process stopped while
 * reading it) is read again, its stored records coming back as duplicates, so nothing dropped is
 * lost and nothing is counted twice.
 */
export class AsteriskDropFolder {
  private readonly incoming: SettledFiles;
  private recovered = false;

  constructor(
    private readonly setting: AsteriskDropFolderSetting,
    private readonly ingest: CdrIngest,
    private readonly clientIdentity: (clientId: string) => Promise<Identity | null>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.incoming = new SettledFiles(setting.path);
  }

  private folder(name: 'processing' | 'done' | 'failed') {
    return join(this.setting.path, name);
  }

  /** One look at the folder: reads what is left in processing/, then every settled new file. */
  async poll(): Promise<DropOutcome[]> {
    const sender = await this.clientIdentity(this.setting.clientId);
    if (!sender || !isEntitled(sender, ENTITLEMENT)) {
      this.logger.error({ folder: this.setting.path, clientId: this.setting.clientId }, `the drop folder's client is unknown, disabled or lacks ${ENTITLEMENT}; its files stay where they are`);
      return [];
    }
    await Promise.all((['processing', 'done', 'failed'] as const).map((name) => mkdir(this.folder(name), { recursive: true })));
    const outcomes: DropOutcome[] = [];
    if (!this.recovered) {
      for (const name of (await readdir(this.folder('processing'))).sort()) outcomes.push(await this.read(name, sender));
      this.recovered = true;
    }
    for (const name of await this.incoming.list()) {
      await rename(join(this.setting.path, name), join(this.folder('processing'), name));
      outcomes.push(await this.read(name, sender));
    }
    return outcomes;
  }

  private async read(name: string, sender: Identity): Promise<DropOutcome> {
    const path = join(this.folder('processing'), name);
    const records = parseAsteriskMasterCsv(createReadStream(path), {
      source: this.setting.clientId,
      timeZone: this.setting.timeZone,
      direction: this.setting.direction,
      service: this.setting.service,
    });
    let outcome: DropOutcome;
    try {
      const answer = await this.ingest.ingestStream(records, sender);
      outcome = { file: name, finishedAt: this.clock.now().toISOString(), answer };
    } catch (error) {
      const answer = error instanceof IngestCut ? error.committed : { stored: 0, duplicates: 0, refused: [] };
      const cause = error instanceof IngestCut ? error.cause : error;
      outcome = { file: name, finishedAt: this.clock.now().toISOString(), answer, error: cause instanceof Error ? cause.message : String(cause) };
    }
    // The time first: a rotated Master.csv.1 arrives under the same name again and again.
    const kept = `${outcome.finishedAt.replace(/[:.]/g, '-')}-${name}`;
    const to = this.folder(outcome.error ? 'failed' : 'done');
    await writeFile(join(to, `${kept}.result.json`), `${JSON.stringify(outcome, null, 2)}\n`);
    await rename(path, join(to, kept));
    const { stored, duplicates, refused } = outcome.answer;
    const summary = { folder: this.setting.path, file: name, stored, duplicates, refused: refused.length };
    if (outcome.error) this.logger.error({ ...summary, error: outcome.error }, 'a dropped Master.csv stopped part way; what was committed stays stored');
    else this.logger.info(summary, 'dropped Master.csv stored');
    return outcome;
  }
}
