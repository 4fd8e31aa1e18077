import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { tooManyRequests, type ApiError, type Clock } from '@switchboard/sdk';
import { LOGIN_FAILURES_TABLE, LOGIN_LOCKS_TABLE, isoTime } from './tables.js';
import { throttleSubject, type ThrottleScope } from './throttle-subjects.js';

/** How many failures within a window lock a subject, and for how long. */
export interface ThrottleLimit {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

/**
 * Per account (ASVS 6.3.1): five failures in fifteen minutes lock the login for fifteen minutes,
 * at most 20 guesses an hour (4.0.3 2.2.1 allows 100).
 */
export const DEFAULT_ACCOUNT_LIMIT: Readonly<ThrottleLimit> = Object.freeze({ maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 });
/** Per source address: against one source spraying guesses over many accounts (credential stuffing). */
export const DEFAULT_ADDRESS_LIMIT: Readonly<ThrottleLimit> = Object.freeze({ maxFailures: 20, windowSeconds: 15 * 60, lockSeconds: 15 * 60 });

/** Retry-After for an attempt turned away because others of the same subject are still in progress. */
const BUSY_RETRY_SECONDS = 5;

export interface LoginThrottleOptions {
  knex: Knex;
  clock: Clock;
  account?: Partial<ThrottleLimit>;
  address?: Partial<ThrottleLimit>;
}

/** Who is trying: the login exactly as typed (whether or not it exists) and the source address. */
export interface LoginSource {
  login: string;
  ip: string;
}

/** An attempt checkAllowed() let through; pass it to one of recordFailure, recordSuccess or release. */
export interface LoginAttempt extends LoginSource {
  readonly id: string;
}

/** What a failure led to, for the security log (never for the answer to the client). */
export interface FailureOutcome {
  accountLocked: boolean;
  addressLocked: boolean;
}

interface Subject {
  scope: ThrottleScope;
  subject: string;
  limit: ThrottleLimit;
}

/**
 * Sign-in throttling and temporary lockout, per account and per source address, kept in the
 * database so that every host process sees the same counts.
 *
 * The account is the login as typed, normalised, whether or not such a user exists: the
 * answers, their timing and their wording are the same for both, so the throttle reveals
 * nothing about existence. The caller runs it before anything else that can refuse a sign-in
 * (a malformed form, a CSRF check), so that those refusals are throttled too:
 *
 *   const attempt = await throttle.checkAllowed({ login, ip }); // throws 429 while locked
 *   if (!(await passwords.verify(userId, password))) await throttle.recordFailure(attempt);
 *   else if (secondFactorNeeded) await throttle.release(attempt); // the TOTP step checks again
 *   else await throttle.recordSuccess(attempt);
 *
 * An attempt takes a place from the moment it is allowed until it is resolved, and in-progress
 * and failed attempts together may not exceed maxFailures: a burst of parallel guesses cannot
 * slip through before the first of them has failed. Only failures lock, though, so twenty
 * colleagues signing in at once behind one office address do not lock it. An attempt the caller
 * never resolves keeps its place until it ages out of the window, which errs on the safe side;
 * a success resolves every attempt of the account still in progress (a first factor that passed,
 * say). The outcomes also take a plain { login, ip } instead of the attempt: they then resolve
 * the oldest attempt of that pair still in progress.
 */
export class LoginThrottle {
  private readonly knex: Knex;
  private readonly clock: Clock;
  private readonly accountLimit: ThrottleLimit;
  private readonly addressLimit: ThrottleLimit;

  constructor({ knex, clock, account, address }: LoginThrottleOptions) {
    this.knex = knex;
    this.clock = clock;
    this.accountLimit = validLimit('account', { ...DEFAULT_ACCOUNT_LIMIT, ...account });
    this.addressLimit = validLimit('address', { ...DEFAULT_ADDRESS_LIMIT, ...address });
  }

  /**
   * Lets the attempt through, or throws the SDK's 429 with Retry-After while the account or the
   * address is locked. The message is the same for either lock and for any login.
   */
  async checkAllowed(source: LoginSource): Promise<LoginAttempt> {
    const now = this.clock.now();
    const subjects = this.subjectsOf(source);
    const locks: { locked_until: string }[] = await this.knex(LOGIN_LOCKS_TABLE)
      .select('locked_until')
      .where((query) => {
        for (const { scope, subject } of subjects) query.orWhere({ scope, subject });
      })
      .andWhere('locked_until', '>', isoTime(now));
    if (locks.length > 0) {
      throw refusal(Math.max(...locks.map((lock) => secondsBetween(now, new Date(lock.locked_until)))));
    }

    const id = randomBytes(16).toString('hex');
    await this.knex(LOGIN_FAILURES_TABLE).insert(subjects.map(({ scope, subject }) => ({ attempt_id: id, scope, subject, at: isoTime(now), failed: false })));
    // Counted after inserting: of attempts racing each other, each sees at least those that got
    // in before it, so no more than maxFailures pass. Those in progress end within moments (as
    // failures that lock, or not), hence the short wait.
    for (const subject of subjects) {
      if ((await this.counted(subject, now)).all > subject.limit.maxFailures) {
        await this.knex(LOGIN_FAILURES_TABLE).where({ attempt_id: id }).delete();
        throw tooManyRequests(BUSY_RETRY_SECONDS, 'Too many sign-in attempts at once. Try again in a few seconds.');
      }
    }
    return { id, login: source.login, ip: source.ip };
  }

  /** The credentials were wrong: the attempt stays counted, and a subject at its limit is locked. */
  async recordFailure(attempt: LoginAttempt | LoginSource): Promise<FailureOutcome> {
    const now = this.clock.now();
    const subjects = this.subjectsOf(attempt);
    const id = (await this.attemptIdOf(attempt, subjects)) ?? randomBytes(16).toString('hex');
    const outcome: FailureOutcome = { accountLocked: false, addressLocked: false };
    for (const subject of subjects) {
      // Upsert: the row may have gone meanwhile (a concurrent success cleared the account's).
      await this.knex(LOGIN_FAILURES_TABLE)
        .insert({ attempt_id: id, scope: subject.scope, subject: subject.subject, at: isoTime(now), failed: true })
        .onConflict(['attempt_id', 'scope'])
        .merge(['at', 'failed']);
      const windowStart = isoTime(new Date(now.getTime() - subject.limit.windowSeconds * 1000));
      await this.knex(LOGIN_FAILURES_TABLE).where({ scope: subject.scope, subject: subject.subject }).andWhere('at', '<=', windowStart).delete();
      if ((await this.counted(subject, now)).failed < subject.limit.maxFailures) continue;
      await this.knex(LOGIN_LOCKS_TABLE)
        .insert({ scope: subject.scope, subject: subject.subject, locked_until: isoTime(new Date(now.getTime() + subject.limit.lockSeconds * 1000)) })
        .onConflict(['scope', 'subject'])
        .merge(['locked_until']);
      // The lock replaces the count: once it ends, the subject starts again from nothing.
      await this.knex(LOGIN_FAILURES_TABLE).where({ scope: subject.scope, subject: subject.subject, failed: true }).delete();
      outcome[subject.scope === 'account' ? 'accountLocked' : 'addressLocked'] = true;
    }
    return outcome;
  }

  /**
   * The user is fully signed in (every factor passed; a first factor alone is release()): the
   * account's failures and lock are cleared, and its attempts in progress stop counting against
   * their addresses. The addresses keep their failures, so one working account cannot be used to
   * reset the counter of a source that is guessing at others.
   */
  async recordSuccess(attempt: LoginAttempt | LoginSource): Promise<void> {
    const [account] = this.subjectsOf(attempt);
    await this.knex.transaction(async (trx) => {
      const ofAccount = trx(LOGIN_FAILURES_TABLE).select('attempt_id').where({ scope: 'account', subject: account.subject });
      await trx(LOGIN_FAILURES_TABLE).where({ scope: 'address', failed: false }).whereIn('attempt_id', ofAccount).delete();
      if ('id' in attempt) await trx(LOGIN_FAILURES_TABLE).where({ attempt_id: attempt.id, failed: false }).delete();
      await trx(LOGIN_FAILURES_TABLE).where({ scope: 'account', subject: account.subject }).delete();
      await trx(LOGIN_LOCKS_TABLE).where({ scope: 'account', subject: account.subject }).delete();
    });
  }

  /**
   * Neither failure nor sign-in: the first factor passed and a second one follows (it is checked
   * as an attempt of its own), or the request was turned away for a reason that guessed nothing.
   */
  async release(attempt: LoginAttempt | LoginSource): Promise<void> {
    const id = await this.attemptIdOf(attempt, this.subjectsOf(attempt));
    if (id !== null) await this.knex(LOGIN_FAILURES_TABLE).where({ attempt_id: id, failed: false }).delete();
  }

  /** Lifts an account's lock and forgets its failures (an administrator helping a locked-out user). */
  async unlockAccount(login: string): Promise<void> {
    const subject = throttleSubject('account', login);
    await this.knex(LOGIN_LOCKS_TABLE).where({ scope: 'account', subject }).delete();
    await this.knex(LOGIN_FAILURES_TABLE).where({ scope: 'account', subject }).delete();
  }

  /**
   * Deletes failures older than their window and locks that have ended; returns how many rows
   * went. Logins sprayed once each leave rows no later attempt cleans up, so the host runs this
   * now and then.
   */
  async prune(): Promise<number> {
    const now = this.clock.now();
    let removed = 0;
    for (const [scope, limit] of [['account', this.accountLimit], ['address', this.addressLimit]] as const) {
      const windowStart = isoTime(new Date(now.getTime() - limit.windowSeconds * 1000));
      removed += await this.knex(LOGIN_FAILURES_TABLE).where({ scope }).andWhere('at', '<=', windowStart).delete();
    }
    removed += await this.knex(LOGIN_LOCKS_TABLE).where('locked_until', '<=', isoTime(now)).delete();
    return removed;
  }

  /** The attempt's id; for a plain source, the oldest attempt of that login and address still in progress, if any. */
  private async attemptIdOf(attempt: LoginAttempt | LoginSource, [account, address]: [Subject, Subject]): Promise<string | null> {
    if ('id' in attempt) return attempt.id;
    const row: { attempt_id: string } | undefined = await this.knex(LOGIN_FAILURES_TABLE)
      .first('attempt_id')
      .where({ scope: 'account', subject: account.subject, failed: false })
      .whereIn('attempt_id', this.knex(LOGIN_FAILURES_TABLE).select('attempt_id').where({ scope: 'address', subject: address.subject, failed: false }))
      .orderBy('at');
    return row?.attempt_id ?? null;
  }

  private subjectsOf(source: LoginSource): [Subject, Subject] {
    return [
      { scope: 'account', subject: throttleSubject('account', source.login), limit: this.accountLimit },
      { scope: 'address', subject: throttleSubject('address', source.ip), limit: this.addressLimit },
    ];
  }

  /** The subject's attempts within its window: all of them, and those that failed. */
  private async counted({ scope, subject, limit }: Subject, now: Date): Promise<{ all: number; failed: number }> {
    const windowStart = isoTime(new Date(now.getTime() - limit.windowSeconds * 1000));
    const rows: { failed: boolean | number; n: number | string }[] = await this.knex(LOGIN_FAILURES_TABLE)
      .select('failed')
      .count({ n: '*' })
      .where({ scope, subject })
      .andWhere('at', '>', windowStart)
      .groupBy('failed');
    let all = 0;
    let failed = 0;
    for (const row of rows) {
      all += Number(row.n);
      // SQLite answers booleans as 0 and 1.
      if (row.failed === true || row.failed === 1) failed += Number(row.n);
    }
    return { all, failed };
  }
}

/** One answer for every lock: it says when to come back and nothing about the account. */
function refusal(retryAfterSeconds: number): ApiError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return tooManyRequests(
    retryAfterSeconds,
    `Too many failed sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  );
}

/** Whole seconds from `from` until `to`, rounded up and at least one (a Retry-After of 0 invites a tight loop). */
function secondsBetween(from: Date, to: Date): number {
  return Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000));
}

function validLimit(scope: ThrottleScope, limit: ThrottleLimit): ThrottleLimit {
  for (const [key, value] of Object.entries(limit)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`The ${scope} throttle's ${key} must be a positive integer, not ${value}`);
  }
  return limit;
}
