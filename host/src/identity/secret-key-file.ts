import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A 32-byte key kept in a file of the data folder (mode 0600), made by the first process that
 * needs it: written aside, then hard-linked into place, so two processes starting at once agree.
 * Kept out of the database on purpose: a copy of the database alone does not open what it seals.
 */
export async function secretKeyFile(file: string): Promise<Buffer> {
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      await link(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  }
}
