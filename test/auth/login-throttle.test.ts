import assert from 'node:assert/strict';
import { ApiError } from '@switchboard/sdk';
import { openDatabase } from '@switchboard/host/dist/storage/index.js';
import {
  CredentialStore,
  DEFAULT_ACCOUNT_LIMIT,
  DEFAULT_ADDRESS_LIMIT,
  LOGIN_FAILURES_TABLE,
  LOGIN_LOCKS_TABLE,
  LoginThrottle,
  type LoginSource,
} from '@switchboard/host/dist/auth/index.js';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { ManualClock, migrateCredentials } from './support.js';

const IP = '198.51.100.7';

/** What a 429 tells the client: status, code, message and Retry-After. */
function refusalOf(error: unknown) {
  assert.ok(error instanceof ApiError, String(error));
  return { status: error.status, code: error.code, message: error.message, retryAfter: error.headers?.['Retry-After'] };
}

/** Runs the promise expecting a 429; answers what the client would see. */
async function refused(attempt: Promise<unknown>) {
  try {
    await attempt;
  } catch (error) {
    return refusalOf(error);
  }
  assert.fail('expected a 429');
}

forEachDatabase((kind, open) => {
  describe(`sign-in throttling and lockout (${kind})`, () => {
    let t: TestDatabase;
    let clock: ManualClock;
    let throttle: LoginThrottle;

    beforeEach(async () => {
      t = await open();
      await migrateCredentials(t.db);
      clock = new ManualClock();
      throttle = new LoginThrottle({ knex: t.db.knex, clock });
    });
    afterEach(() => t.cleanup());

    /** One failed sign-in, as the login route would record it. */
    async function fail(source: LoginSource, on = throttle): Promise<void> {
      await on.recordFailure(await on.checkAllowed(source));
    }

    it('defaults to 5 failures per account and 20 per address in 15 minutes, locking for 15 minutes', () => {
      assert.deepEqual({ ...DEFAULT_ACCOUNT_LIMIT }, { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 });
      assert.deepEqual({ ...DEFAULT_ADDRESS_LIMIT }, { maxFailures: 20, windowSeconds: 900, lockSeconds: 900 });
    });

    it('locks an account after 5 failures, answering 429 with the time left, until the period ends', async () => {
      for (let i = 0; i < 4; i++) {
        await fail({ login: 'jane', ip: IP });
        clock.advance(10);
      }
      const fifth = await throttle.checkAllowed({ login: 'jane', ip: IP });
      assert.deepEqual(await throttle.recordFailure(fifth), { accountLocked: true, addressLocked: false });
      assert.deepEqual(await refused(throttle.checkAllowed({ login: 'jane', ip: IP })), {
        status: 429,
        code: 'rate_limited',
        message: 'Too many failed sign-in attempts. Try again in 15 minutes.',
        retryAfter: '900',
      });
      // From another address too: the lock is the account's.
      assert.equal((await refused(throttle.checkAllowed({ login: 'jane', ip: '203.0.113.9' }))).retryAfter, '900');
      clock.advance(10 * 60);
      assert.deepEqual(await refused(throttle.checkAllowed({ login: 'jane', ip: IP })), {
        status: 429,
        code: 'rate_limited',
        message: 'Too many failed sign-in attempts. Try again in 5 minutes.',
        retryAfter: '300',
      });
      clock.advance(299);
      assert.equal((await refused(throttle.checkAllowed({ login: 'jane', ip: IP }))).retryAfter, '1');
      clock.advance(1);
      await throttle.checkAllowed({ login: 'jane', ip: IP });
    });

    it('starts afresh after a lock: five more failures before the next one', async () => {
      for (let i = 0; i < 5; i++) await fail({ login: 'jane', ip: IP });
      clock.advance(900);
      for (let i = 0; i < 4; i++) await fail({ login: 'jane', ip: IP });
      await throttle.checkAllowed({ login: 'jane', ip: IP });
    });

    it('counts only failures within the window', async () => {
      for (let i = 0; i < 4; i++) await fail({ login: 'jane', ip: IP });
      clock.advance(15 * 60 + 1);
      for (let i = 0; i < 4; i++) await fail({ login: 'jane', ip: IP });
      await throttle.checkAllowed({ login: 'jane', ip: IP });
    });

    it('counts the login as typed, whatever its case, spacing or width', async () => {
      for (const login of ['Jane', ' jane', 'JANE ', 'ｊａｎｅ']) await fail({ login, ip: IP });
      await fail({ login: 'jane', ip: IP });
      await refused(throttle.checkAllowed({ login: 'jAnE', ip: IP }));
    });

    it('answers a login that exists exactly like one that does not', async () => {
      const credentials = new CredentialStore({ knex: t.db.knex, clock });
      const directory = new Map([['jane', 'u-jane']]);
      await credentials.passwords.set('u-jane', 'violet tractor sings loudly');
      /** The password step of a login route: throttle first, then verify (a dummy hash for unknown logins). */
      const signIn = async (login: string, password: string, ip: string) => {
        const attempt = await throttle.checkAllowed({ login, ip });
        const userId = directory.get(login.toLowerCase()) ?? `unknown:${login}`;
        if (await credentials.passwords.verify(userId, password)) return throttle.recordSuccess(attempt);
        await throttle.recordFailure(attempt);
        return 'wrong';
      };
      const answers = async (login: string, ip: string) => {
        const seen: unknown[] = [];
        for (let i = 0; i < 7; i++) {
          try {
            seen.push(await signIn(login, `guess number ${i}`, ip));
          } catch (error) {
            seen.push(refusalOf(error));
          }
          clock.advance(30);
        }
        return seen;
      };
      const start = clock.now().getTime();
      const known = await answers('jane', '192.0.2.1');
      clock.advance((start - clock.now().getTime()) / 1000 + 3600);
      const unknown = await answers('nobody', '192.0.2.2');
      assert.deepEqual(unknown, known);
      assert.deepEqual(known.slice(4), [
        'wrong',
        { status: 429, code: 'rate_limited', message: 'Too many failed sign-in attempts. Try again in 15 minutes.', retryAfter: '870' },
        { status: 429, code: 'rate_limited', message: 'Too many failed sign-in attempts. Try again in 14 minutes.', retryAfter: '840' },
      ]);
    });

    it('refuses an address after 20 failures over any accounts, while other addresses go on', async () => {
      for (let i = 0; i < 19; i++) await fail({ login: `user${i}`, ip: IP });
      const twentieth = await throttle.checkAllowed({ login: 'user19', ip: IP });
      assert.deepEqual(await throttle.recordFailure(twentieth), { accountLocked: false, addressLocked: true });
      assert.deepEqual(await refused(throttle.checkAllowed({ login: 'somebody-new', ip: IP })), {
        status: 429,
        code: 'rate_limited',
        message: 'Too many failed sign-in attempts. Try again in 15 minutes.',
        retryAfter: '900',
      });
      await throttle.checkAllowed({ login: 'somebody-new', ip: '203.0.113.9' });
      clock.advance(900);
      await throttle.checkAllowed({ login: 'somebody-new', ip: IP });
    });

    it('counts an IPv6 source by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
      const small = new LoginThrottle({ knex: t.db.knex, clock, address: { maxFailures: 3 } });
      await fail({ login: 'a', ip: '2001:db8:1:2::1' }, small);
      await fail({ login: 'b', ip: '2001:db8:1:2:ffff:1:2:3' }, small);
      await fail({ login: 'c', ip: '2001:0db8:0001:0002::99' }, small);
      await refused(small.checkAllowed({ login: 'd', ip: '2001:db8:1:2:abcd::' }));
      await small.checkAllowed({ login: 'd', ip: '2001:db8:1:3::1' });
      for (const ip of ['192.0.2.55', '::ffff:192.0.2.55', '::FFFF:192.0.2.55']) await fail({ login: ip, ip }, small);
      await refused(small.checkAllowed({ login: 'e', ip: '192.0.2.55' }));
    });

    it('clears the account’s failures on success, but not the address’s', async () => {
      for (let i = 0; i < 4; i++) await fail({ login: 'jane', ip: IP });
      await throttle.recordSuccess(await throttle.checkAllowed({ login: 'jane', ip: IP }));
      for (let i = 0; i < 4; i++) await fail({ login: 'jane', ip: IP });
      await throttle.release(await throttle.checkAllowed({ login: 'jane', ip: IP }));
      // 8 failures of the address so far, and more from other logins; a success does not reset them.
      for (let i = 0; i < 11; i++) await fail({ login: `user${i}`, ip: IP });
      await throttle.recordSuccess(await throttle.checkAllowed({ login: 'jane', ip: IP }));
      await fail({ login: 'user-last', ip: IP });
      assert.equal((await refused(throttle.checkAllowed({ login: 'jane', ip: IP }))).retryAfter, '900');
    });

    it('lets no more than 5 parallel attempts at one account through before the first has failed', async () => {
      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => throttle.checkAllowed({ login: 'jane', ip: `192.0.2.${i}` })));
      const allowed = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      // Each attempt counts itself and every attempt that got in before it, so a burst may turn
      // all of them away (for a few seconds), but never lets more than the limit through.
      assert.ok(allowed.length <= 5, `${allowed.length} allowed`);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') assert.deepEqual(refusalOf(outcome.reason), { status: 429, code: 'rate_limited', message: 'Too many sign-in attempts at once. Try again in a few seconds.', retryAfter: '5' });
      }
      for (const attempt of allowed) await throttle.recordFailure(attempt);
      // The refused left nothing behind: the account locks after five failures in all.
      for (let i = allowed.length; i < 5; i++) await fail({ login: 'jane', ip: IP });
      assert.equal((await refused(throttle.checkAllowed({ login: 'jane', ip: IP }))).retryAfter, '900');
    });

    it('does not count a released attempt, and counts an unresolved one until its window ends', async () => {
      for (let i = 0; i < 10; i++) await throttle.release(await throttle.checkAllowed({ login: 'jane', ip: IP }));
      for (let i = 0; i < 5; i++) await throttle.checkAllowed({ login: 'jane', ip: IP }); // never resolved
      const busy = await refused(throttle.checkAllowed({ login: 'jane', ip: IP }));
      assert.deepEqual([busy.status, busy.retryAfter], [429, '5']);
      assert.equal(await t.db.knex(LOGIN_LOCKS_TABLE).count({ n: '*' }).first().then((row) => Number(row!.n)), 0, 'in-progress attempts never lock');
      clock.advance(900);
      await throttle.checkAllowed({ login: 'jane', ip: IP });
    });

    it('takes a plain login and address for the outcome, resolving the attempt of that pair in progress', async () => {
      const source = { login: 'jane', ip: IP };
      for (let i = 0; i < 4; i++) {
        await throttle.checkAllowed(source);
        assert.deepEqual(await throttle.recordFailure(source), { accountLocked: false, addressLocked: false });
      }
      const rows = await t.db.knex(LOGIN_FAILURES_TABLE).select('failed');
      assert.equal(rows.length, 8, 'one row per scope and attempt, none left in progress');
      assert.ok(rows.every((row) => row.failed === true || row.failed === 1));
      await throttle.checkAllowed(source);
      assert.deepEqual(await throttle.recordFailure(source), { accountLocked: true, addressLocked: false });
      await refused(throttle.checkAllowed(source));
      // A failure recorded without a check still counts.
      await throttle.recordFailure({ login: 'john', ip: '203.0.113.9' });
      assert.equal(await t.db.knex(LOGIN_FAILURES_TABLE).count({ n: '*' }).first().then((row) => Number(row!.n)), 5 + 2, "jane's five against the address, john's two");
    });

    it('leaves nothing counted against an address after sign-ins with a second factor, however many', async () => {
      for (let i = 0; i < 30; i++) {
        const source = { login: `user${i % 7}`, ip: IP };
        await throttle.checkAllowed(source); // password step: right, nothing recorded
        await throttle.checkAllowed(source); // TOTP step
        await throttle.recordSuccess(source);
      }
      assert.deepEqual(await t.db.knex(LOGIN_FAILURES_TABLE).select('*'), []);
    });

    it('shares counts and locks between two throttles on one database (two host processes)', async () => {
      const second = await openDatabase({ url: t.url, sqliteFile: t.sqliteFile, schema: t.schema });
      try {
        const other = new LoginThrottle({ knex: second.knex, clock });
        for (let i = 0; i < 5; i++) await fail({ login: 'jane', ip: IP }, i % 2 ? other : throttle);
        assert.equal((await refused(other.checkAllowed({ login: 'jane', ip: IP }))).retryAfter, '900');
        assert.equal((await refused(throttle.checkAllowed({ login: 'jane', ip: IP }))).retryAfter, '900');
        await other.unlockAccount('JANE');
        await throttle.checkAllowed({ login: 'jane', ip: IP });
      } finally {
        await second.close();
      }
    });

    it('stores digests, never the typed login or the address', async () => {
      await fail({ login: 'jane@acme.example', ip: IP });
      const rows = await t.db.knex(LOGIN_FAILURES_TABLE).select('*');
      assert.equal(rows.length, 2);
      assert.ok(!JSON.stringify(rows).includes('jane') && !JSON.stringify(rows).includes('198.51'));
      assert.ok(rows.every((row) => /^[0-9a-f]{64}$/.test(row.subject)));
    });

    it('prunes failures past their window and locks that have ended', async () => {
      for (let i = 0; i < 5; i++) await fail({ login: 'jane', ip: IP });
      for (let i = 0; i < 3; i++) await fail({ login: `sprayed${i}`, ip: `192.0.2.${i}` });
      assert.equal(await throttle.prune(), 0);
      clock.advance(901);
      // Jane's 5 address rows of 198.51.100.7, the sprayed logins' 3 account and 3 address rows, Jane's lock.
      assert.equal(await throttle.prune(), 12);
      assert.deepEqual(await t.db.knex(LOGIN_FAILURES_TABLE).select('*'), []);
      assert.deepEqual(await t.db.knex(LOGIN_LOCKS_TABLE).select('*'), []);
    });

    it('refuses limits that are not positive integers', () => {
      assert.throws(() => new LoginThrottle({ knex: t.db.knex, clock, account: { maxFailures: 0 } }), /maxFailures must be a positive integer/);
      assert.throws(() => new LoginThrottle({ knex: t.db.knex, clock, address: { lockSeconds: 1.5 } }), /lockSeconds/);
    });
  });
});
