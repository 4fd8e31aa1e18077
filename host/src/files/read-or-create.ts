import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The content of a file of secrets, made by `make` if the file does not exist yet. Written aside
 * (mode 0600) and then hard-linked into place, which fails if another process got there first: so
 * two processes starting at once end up reading the same file, never half of one.
 */
export async function readOrCreate(file: string, make: () => Promise<string>): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, await make(), { mode: 0o600 });
    try {
      await link(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    return readFile(file, 'utf8');
  }
}
