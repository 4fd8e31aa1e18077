import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  aesGcmSecretCipher,
  ARGON2ID_PARAMETERS,
  ARGON2ID_PHC_PREFIX,
  CredentialStore,
  PASSWORDS_TABLE,
  RECOVERY_CODES_TABLE,
  TOTP_TABLE,
} from '@switchboard/host/dist/auth/index.js';
import { forEachDatabase, type TestDatabase } from '../support/databases.js';
import { codeAt, ManualClock, migrateCredentials, wrongCodeAt } from './support.js';

const ISSUER = 'Northwind Telecom';

forEachDatabase((kind, open) => {
  describe(`credential store (${kind})`, () => {
    let t: TestDatabase;
    let clock: ManualClock;
    let store: CredentialStore;

    beforeEach(async () => {
      t = await open();
      await migrateCredentials(t.db);
      clock = new ManualClock();
      store = new CredentialStore({ knex: t.db.knex, clock });
    });
    afterEach(() => t.cleanup());

    describe('passwords', () => {
      it('stores an argon2id hash, never the password, and verifies it', async () => {
        await store.passwords.set('u-jane', 'violet tractor sings loudly');
        const row = await t.db.knex(PASSWORDS_TABLE).first('*').where({ user_id: 'u-jane' });
        assert.ok(row.hash.startsWith(ARGON2ID_PHC_PREFIX));
        assert.ok(!JSON.stringify(row).includes('violet'));
        assert.equal(row.changed_at, '2026-03-02T09:00:00.000Z');
        assert.equal(await store.passwords.verify('u-jane', 'violet tractor sings loudly'), true);
        assert.equal(await store.passwords.verify('u-jane', 'violet tractor sings quietly'), false);
        assert.deepEqual(await store.passwords.changedAt('u-jane'), new Date('2026-03-02T09:00:00.000Z'));
      });

      it('replaces the password on set and notes when it changed', async () => {
        await store.passwords.set('u-jane', 'violet tractor sings loudly');
        clock.advance(3600);
        await store.passwords.set('u-jane', 'amber kettle hums softly');
        assert.equal(await store.passwords.verify('u-jane', 'violet tractor sings loudly'), false);
        assert.equal(await store.passwords.verify('u-jane', 'amber kettle hums softly'), true);
        assert.deepEqual(await store.passwords.changedAt('u-jane'), new Date('2026-03-02T10:00:00.000Z'));
      });

      it('answers false for a user without a password, after as much hashing as for one with', async () => {
        await store.passwords.set('u-jane', 'violet tractor sings loudly');
        assert.equal(await store.passwords.verify('u-nobody', 'violet tractor sings loudly'), false);
        assert.equal(await store.passwords.has('u-nobody'), false);
        const median = async (userId: string) => {
          const times: number[] = [];
          for (let i = 0; i < 5; i++) {
            const start = performance.now();
            await store.passwords.verify(userId, 'a wrong guess entirely');
            times.push(performance.now() - start);
          }
          return times.sort((a, b) => a - b)[2]!;
        };
        const [known, unknown] = [await median('u-jane'), await median('u-nobody')];
        // Without the dummy hash the unknown user would answer in a database round trip, a
        // small fraction of an argon2 verification at 19 MiB.
        assert.ok(unknown > known * 0.5, `unknown ${unknown.toFixed(1)} ms vs known ${known.toFixed(1)} ms`);
      });

      it('rehashes a hash made with weaker parameters at the next successful check', async () => {
        const weak = new CredentialStore({ knex: t.db.knex, clock, passwordParameters: { ...ARGON2ID_PARAMETERS, memoryCost: 4096, timeCost: 3 } });
        await weak.passwords.set('u-old', 'legacy passphrase here');
        const before = (await t.db.knex(PASSWORDS_TABLE).first('hash').where({ user_id: 'u-old' })).hash;
        assert.ok(before.startsWith('$argon2id$v=19$m=4096,t=3,p=1$'));
        assert.equal(await store.passwords.verify('u-old', 'not the passphrase'), false);
        assert.equal((await t.db.knex(PASSWORDS_TABLE).first('hash').where({ user_id: 'u-old' })).hash, before, 'a failed check changes nothing');
        assert.equal(await store.passwords.verify('u-old', 'legacy passphrase here'), true);
        const after = (await t.db.knex(PASSWORDS_TABLE).first('hash').where({ user_id: 'u-old' })).hash;
        assert.ok(after.startsWith(ARGON2ID_PHC_PREFIX), after);
        assert.equal(await store.passwords.verify('u-old', 'legacy passphrase here'), true);
      });
    });

    describe('TOTP', () => {
      /** Enrols and confirms with the current code; returns the secret. */
      async function enrol(userId = 'u-jane'): Promise<string> {
        const { secret } = await store.totp.startEnrolment(userId, { issuer: ISSUER, login: 'jane@acme.example' });
        assert.equal(await store.totp.confirmEnrolment(userId, await codeAt(secret, clock.now())), true);
        return secret;
      }

      it('starts an enrolment with a 160-bit secret, an otpauth URI for the brand and login, and a QR code in SVG', async () => {
        const enrolment = await store.totp.startEnrolment('u-jane', { issuer: ISSUER, login: 'jane@acme.example' });
        assert.match(enrolment.secret, /^[A-Z2-7]{32}$/);
        const uri = new URL(enrolment.uri);
        assert.equal(decodeURIComponent(uri.pathname), '/Northwind Telecom:jane@acme.example');
        assert.equal(uri.searchParams.get('secret'), enrolment.secret);
        assert.equal(uri.searchParams.get('issuer'), ISSUER);
        assert.match(enrolment.qrCodeSvg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.ok(!enrolment.qrCodeSvg.includes('<script'));
        assert.equal(Buffer.from(enrolment.qrCodeDataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString(), enrolment.qrCodeSvg);
        const other = await store.totp.startEnrolment('u-other', { issuer: ISSUER, login: 'other@acme.example' });
        assert.notEqual(other.secret, enrolment.secret);
      });

      it('is not active until confirmed with a code from the app', async () => {
        const { secret } = await store.totp.startEnrolment('u-jane', { issuer: ISSUER, login: 'jane' });
        assert.deepEqual(await store.totp.status('u-jane'), { enabled: false, enabledAt: null, pending: true });
        assert.equal(await store.totp.verify('u-jane', await codeAt(secret, clock.now())), false, 'a pending secret does not sign in');
        assert.equal(await store.totp.confirmEnrolment('u-jane', await wrongCodeAt(secret, clock.now())), false, 'a wrong first code');
        assert.equal(await store.totp.isEnabled('u-jane'), false);
        clock.advance(30);
        assert.equal(await store.totp.confirmEnrolment('u-jane', await codeAt(secret, clock.now())), true);
        assert.deepEqual(await store.totp.status('u-jane'), { enabled: true, enabledAt: clock.now(), pending: false });
        assert.equal(await store.totp.confirmEnrolment('u-jane', await codeAt(secret, clock.now())), false, 'nothing left to confirm');
      });

      it('verifies the code of the moment, moving the clock through the steps', async () => {
        const secret = await enrol();
        for (let i = 0; i < 4; i++) {
          clock.advance(30);
          assert.equal(await store.totp.verify('u-jane', await codeAt(secret, clock.now())), true, `step +${i + 1}`);
        }
        clock.advance(30);
        assert.equal(await store.totp.verify('u-jane', await codeAt(secret, new Date(clock.now().getTime() + 3600_000))), false, 'a code of another hour');
      });

      it('refuses the same code twice, including the one that confirmed the enrolment', async () => {
        const secret = await enrol();
        const confirming = await codeAt(secret, clock.now());
        assert.equal(await store.totp.verify('u-jane', confirming), false, 'the confirming code is spent');
        clock.advance(30);
        const code = await codeAt(secret, clock.now());
        assert.equal(await store.totp.verify('u-jane', code), true);
        assert.equal(await store.totp.verify('u-jane', code), false, 'replayed within its step');
        clock.advance(20);
        assert.equal(await store.totp.verify('u-jane', code), false, 'replayed in the next step, still inside the window');
      });

      it('lets only one of two racing requests use a code', async () => {
        const secret = await enrol();
        clock.advance(30);
        const code = await codeAt(secret, clock.now());
        const results = await Promise.all([store.totp.verify('u-jane', code), store.totp.verify('u-jane', code), store.totp.verify('u-jane', code)]);
        assert.deepEqual(results.filter(Boolean).length, 1, JSON.stringify(results));
      });

      it('accepts one step of drift either way, not two, and nothing at or before the last accepted step', async () => {
        const secret = await enrol();
        clock.advance(300);
        const now = clock.now().getTime();
        const stepCode = (offset: number) => codeAt(secret, new Date(now + offset * 30_000));
        assert.equal(await store.totp.verify('u-jane', await stepCode(-2)), false, 'two steps late');
        assert.equal(await store.totp.verify('u-jane', await stepCode(2)), false, 'two steps early');
        assert.equal(await store.totp.verify('u-jane', await stepCode(-1)), true, 'one step late');
        assert.equal(await store.totp.verify('u-jane', await stepCode(1)), true, 'one step early');
        assert.equal(await store.totp.verify('u-jane', await stepCode(0)), false, 'the current step is before the accepted early one');
        clock.advance(60);
        assert.equal(await store.totp.verify('u-jane', await codeAt(secret, clock.now())), true);
      });

      it('keeps the active secret while a new enrolment is pending, and switches on confirmation', async () => {
        const oldSecret = await enrol();
        clock.advance(30);
        const { secret: newSecret } = await store.totp.startEnrolment('u-jane', { issuer: ISSUER, login: 'jane' });
        assert.deepEqual(await store.totp.status('u-jane'), { enabled: true, enabledAt: new Date(clock.now().getTime() - 30_000), pending: true });
        assert.equal(await store.totp.verify('u-jane', await codeAt(oldSecret, clock.now())), true, 'the old app still works');
        clock.advance(30);
        assert.equal(await store.totp.confirmEnrolment('u-jane', await codeAt(newSecret, clock.now())), true);
        clock.advance(30);
        assert.equal(await store.totp.verify('u-jane', await codeAt(oldSecret, clock.now())), false, 'the old app no longer works');
        assert.equal(await store.totp.verify('u-jane', await codeAt(newSecret, clock.now())), true);
      });

      it('disables the second factor', async () => {
        const secret = await enrol();
        await store.totp.disable('u-jane');
        clock.advance(30);
        assert.equal(await store.totp.verify('u-jane', await codeAt(secret, clock.now())), false);
        assert.deepEqual(await store.totp.status('u-jane'), { enabled: false, enabledAt: null, pending: false });
        assert.equal(await store.totp.verify('u-nobody', '123456'), false);
      });

      it('seals secrets at rest with a key, bound to the user', async () => {
        const sealed = new CredentialStore({ knex: t.db.knex, clock, totpCipher: aesGcmSecretCipher(randomBytes(32)) });
        const { secret } = await sealed.totp.startEnrolment('u-jane', { issuer: ISSUER, login: 'jane' });
        assert.equal(await sealed.totp.confirmEnrolment('u-jane', await codeAt(secret, clock.now())), true);
        const row = await t.db.knex(TOTP_TABLE).first('*').where({ user_id: 'u-jane' });
        assert.ok(row.secret.startsWith('a256gcm:') && !row.secret.includes(secret), row.secret);
        clock.advance(30);
        assert.equal(await sealed.totp.verify('u-jane', await codeAt(secret, clock.now())), true);
        // The sealed secret copied onto another user's row does not open.
        await t.db.knex(TOTP_TABLE).insert({ ...row, user_id: 'u-mallory', last_step: null });
        await assert.rejects(sealed.totp.verify('u-mallory', await codeAt(secret, clock.now())));
        // A store without the key cannot use it either, and says so.
        await assert.rejects(store.totp.verify('u-jane', '123456'), /encrypted but the host has no key/);
      });
    });

    describe('recovery codes', () => {
      it('generates ten distinct codes of 120 bits, shown once and stored only as SHA-256 digests', async () => {
        const codes = await store.recoveryCodes.generate('u-jane');
        assert.equal(codes.length, 10);
        assert.equal(new Set(codes).size, 10);
        for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
        const rows = await t.db.knex(RECOVERY_CODES_TABLE).select('*').where({ user_id: 'u-jane' });
        assert.equal(rows.length, 10);
        const stored = JSON.stringify(rows);
        for (const code of codes) assert.ok(!stored.includes(code) && !stored.includes(code.replace(/-/g, '')));
        assert.ok(rows.every((row) => /^[0-9a-f]{64}$/.test(row.code_hash)));
        assert.equal(await store.recoveryCodes.remaining('u-jane'), 10);
      });

      it('accepts each code once, however it is typed', async () => {
        const codes = await store.recoveryCodes.generate('u-jane');
        assert.equal(await store.recoveryCodes.use('u-jane', codes[3]!), true);
        assert.equal(await store.recoveryCodes.use('u-jane', codes[3]!), false, 'used already');
        assert.equal(await store.recoveryCodes.use('u-jane', ` ${codes[4]!.toLowerCase().replace(/-/g, ' ')} `), true);
        assert.equal(await store.recoveryCodes.remaining('u-jane'), 8);
        assert.equal(await store.recoveryCodes.use('u-other', codes[5]!), false, "another user's code");
        assert.equal(await store.recoveryCodes.use('u-jane', 'not a code'), false);
      });

      it('lets only one of two racing requests use a code', async () => {
        const [code] = await store.recoveryCodes.generate('u-jane');
        const results = await Promise.all([store.recoveryCodes.use('u-jane', code!), store.recoveryCodes.use('u-jane', code!)]);
        assert.equal(results.filter(Boolean).length, 1);
      });

      it('replaces all earlier codes when generating again', async () => {
        const first = await store.recoveryCodes.generate('u-jane');
        await store.recoveryCodes.use('u-jane', first[0]!);
        const second = await store.recoveryCodes.generate('u-jane');
        assert.equal(await store.recoveryCodes.use('u-jane', first[1]!), false);
        assert.equal(await store.recoveryCodes.remaining('u-jane'), 10);
        assert.equal(await store.recoveryCodes.use('u-jane', second[1]!), true);
      });
    });

    it('removes all of a user’s credentials, and only theirs', async () => {
      await store.passwords.set('u-jane', 'violet tractor sings loudly');
      await store.passwords.set('u-john', 'amber kettle hums softly');
      await store.totp.startEnrolment('u-jane', { issuer: ISSUER, login: 'jane' });
      await store.recoveryCodes.generate('u-jane');
      await store.recoveryCodes.generate('u-john');
      await store.removeUser('u-jane');
      for (const table of [PASSWORDS_TABLE, TOTP_TABLE, RECOVERY_CODES_TABLE]) {
        assert.deepEqual(await t.db.knex(table).where({ user_id: 'u-jane' }), [], table);
      }
      assert.equal(await store.passwords.verify('u-john', 'amber kettle hums softly'), true);
      assert.equal(await store.recoveryCodes.remaining('u-john'), 10);
    });
  });
});
