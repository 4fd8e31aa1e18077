import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBuildDir } from '@switchboard/host/dist/web/build-dir.js';

describe('the web build folder', () => {
  it('is one per host, and a gone process’s folder is removed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sb-webdir-'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.once('exit', r));
    await mkdir(join(dataDir, 'web', `${other.pid}-aaaa`), { recursive: true });
    await mkdir(join(dataDir, 'web', `${gone.pid}-bbbb`), { recursive: true });

    const mine = await webBuildDir(dataDir);
    const again = await webBuildDir(dataDir);
    assert.match(mine, new RegExp(`/web/${process.pid}-[0-9a-f]{8}$`));
    assert.notEqual(mine, again, 'two hosts in one process get two folders');
    assert.deepEqual(await readdir(join(dataDir, 'web')), [`${other.pid}-aaaa`], 'the live process keeps its folder');
    other.kill();
    await rm(dataDir, { recursive: true, force: true });
  });
});
