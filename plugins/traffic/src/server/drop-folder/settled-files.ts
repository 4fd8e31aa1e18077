import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Names a writer uses while a file is not yet whole: hidden files and the usual partial suffixes. */
const UNFINISHED = /^\.|\.(tmp|part|partial|swp)$/i;

/**
 * The files of a folder that have stopped changing: a file is taken only once two looks in a row
 * saw the same size and modification time, so a copy still in progress (a switch's log rotation,
 * scp, a cron job) is never read half written. Writers that rename a finished file into place are
 * taken on the second look as well.
 */
export class SettledFiles {
  private seen = new Map<string, string>();

  constructor(private readonly dir: string) {}

  async list(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    const now = new Map<string, string>();
    const settled: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || UNFINISHED.test(entry.name)) continue;
      const info = await stat(join(this.dir, entry.name)).catch(() => null);
      if (!info) continue; // taken away between the listing and the look
      const signature = `${info.size}:${info.mtimeMs}`;
      if (this.seen.get(entry.name) === signature) settled.push(entry.name);
      now.set(entry.name, signature);
    }
    this.seen = now;
    return settled.sort();
  }
}
