import { randomBytes } from 'node:crypto';
import { readOrCreate } from '../files/read-or-create.js';

/**
 * A 32-byte key kept in a file of the data folder, made by the first process that needs it.
 * Kept out of the database on purpose: a copy of the database alone does not open what it seals.
 */
export async function secretKeyFile(file: string): Promise<Buffer> {
  return Buffer.from((await readOrCreate(file, async () => randomBytes(32).toString('base64url'))).trim(), 'base64url');
}
