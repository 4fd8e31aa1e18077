import { mkdir, readdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The folder a host builds and serves the shell's assets from: `<dataDir>/web/<pid>-<random>`.
 * Several hosts may share a data folder (several processes, or several hosts in one test process),
 * and a build empties its folder first, so each gets its own; folders of processes that are gone
 * are removed.
 */
export async function webBuildDir(dataDir: string): Promise<string> {
  const root = join(dataDir, 'web');
  await mkdir(root, { recursive: true });
  for (const entry of await readdir(root)) {
    const pid = Number(entry.split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    await rm(join(root, entry), { recursive: true, force: true });
  }
  return join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
}
