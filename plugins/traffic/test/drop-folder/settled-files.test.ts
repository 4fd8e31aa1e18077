import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettledFiles } from '../../src/server/drop-folder/settled-files.js';

describe('traffic: which dropped files are finished', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-settled-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a file only on the second look that sees it unchanged, so a copy in progress is never read half written', async () => {
    const files = new SettledFiles(dir);
    await writeFile(join(dir, 'Master.csv'), '"","+13125550143"\n');
    assert.deepEqual(await files.list(), [], 'first seen: not yet');
    await appendFile(join(dir, 'Master.csv'), '"","+13125550144"\n');
    assert.deepEqual(await files.list(), [], 'grew since the last look');
    assert.deepEqual(await files.list(), ['Master.csv'], 'unchanged since the last look');
  });

  it('leaves hidden and partial files alone, whatever their age', async () => {
    const files = new SettledFiles(dir);
    for (const name of ['.Master.csv', 'Master.csv.part', 'Master.csv.tmp', 'b.csv', 'a.csv']) await writeFile(join(dir, name), 'x\n');
    await files.list();
    assert.deepEqual(await files.list(), ['a.csv', 'b.csv']);
  });
});
