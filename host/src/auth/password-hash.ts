import { hash, parseOptions, verify, type Algorithm, type Options, type Version } from '@node-rs/argon2';
import { normalizePassword } from './normalize.js';

/**
 * The argon2id parameters every new password hash is made with: the OWASP Password Storage floor,
 * which is also the t=2 row of ASVS 5.0 Appendix C (m ≥ 19,456 KiB with t = 2, p = 1). Stated
 * explicitly rather than left to the library's defaults, because older published documentation
 * of @node-rs/argon2 gives different defaults (m=4096, t=3) that would fall below the table.
 */
export const ARGON2ID_PARAMETERS: Readonly<Argon2Parameters> = Object.freeze({
  /** Memory per hash, in KiB (19 MiB). */
  memoryCost: 19_456,
  /** Passes over the memory. */
  timeCost: 2,
  /** Lanes; each uses memoryCost. */
  parallelism: 1,
  /** Raw hash length in bytes. */
  outputLen: 32,
});

/** argon2id cost settings, as @node-rs/argon2 names them. */
export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  outputLen: number;
}

/** How every hash made with the current parameters begins (PHC string format). */
export const ARGON2ID_PHC_PREFIX = `$argon2id$v=19$m=${ARGON2ID_PARAMETERS.memoryCost},t=${ARGON2ID_PARAMETERS.timeCost},p=${ARGON2ID_PARAMETERS.parallelism}$`;

// The package declares these as const enums; the values are the Argon2 reference numbering.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;

/** The bytes a salt must have at least (the library makes 16; ASVS 4.0.3 2.4.2 asks ≥ 32 bits). */
const MIN_SALT_BYTES = 16;

function options(parameters: Argon2Parameters): Options {
  return { ...parameters, algorithm: ARGON2ID, version: VERSION_0X13 };
}

/**
 * Hashes a password with argon2id and a fresh random salt; the result is a PHC string carrying
 * its own parameters and salt. The password is NFKC-normalised first, so that the same password
 * typed on another keyboard or input method hashes the same.
 */
export function hashPassword(password: string, parameters: Argon2Parameters = ARGON2ID_PARAMETERS): Promise<string> {
  return hash(normalizePassword(password), options(parameters));
}

/**
 * True when the password matches the PHC hash. The comparison inside the library is constant
 * time; the cost is that of one hash with the parameters stored in `encoded`.
 */
export function verifyPassword(encoded: string, password: string): Promise<boolean> {
  return verify(encoded, normalizePassword(password));
}

/**
 * True when a stored hash was made with weaker settings than `current` (another algorithm or
 * version, less memory, fewer passes, a shorter output or salt), or is not an argon2 hash at all:
 * the next successful login should store a fresh hash. A hash stronger than `current` is kept.
 */
export function needsRehash(encoded: string, current: Argon2Parameters = ARGON2ID_PARAMETERS): boolean {
  let stored;
  try {
    stored = parseOptions(encoded);
  } catch {
    return true;
  }
  return (
    stored.algorithm !== ARGON2ID ||
    stored.version !== VERSION_0X13 ||
    stored.memoryCost < current.memoryCost ||
    stored.timeCost < current.timeCost ||
    stored.outputLen < current.outputLen ||
    stored.saltLen < MIN_SALT_BYTES
  );
}
