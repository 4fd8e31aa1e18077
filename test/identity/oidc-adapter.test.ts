import assert from 'node:assert/strict';
import { KnexOidcAdapter, sweepExpiredOidcRecords } from '@switchboard/host/dist/oidc/adapter.js';
import { loadConfig, openStorage } from '@switchboard/host';
import { forEachDatabase } from '../support/databases.js';

forEachDatabase((kind, open) => {
  describe(`the provider's storage (${kind})`, () => {
    it('keeps records until they expire, uses one up exactly once, revokes by grant, and sweeps the expired', async () => {
      const database = await open();
      const db = await openStorage(loadConfig({ dataDir: database.sqliteFile.replace(/[^/]+$/, ''), database: { url: database.url, schema: database.schema ?? null } }, {}));
      let now = Date.parse('2026-11-26T10:00:00Z');
      const codes = new KnexOidcAdapter(db.knex, 'AuthorizationCode', () => now);
      const sessions = new KnexOidcAdapter(db.knex, 'Session', () => now);
      await codes.upsert('code-1', { accountId: 'u1', grantId: 'g1' }, 60);
      await codes.upsert('code-2', { accountId: 'u1', grantId: 'g2' }, 60);
      await sessions.upsert('s-1', { uid: 'uid-1', accountId: 'u1' }, 3600);

      assert.deepEqual(await codes.find('code-1'), { accountId: 'u1', grantId: 'g1' });
      assert.deepEqual(await sessions.findByUid('uid-1'), { uid: 'uid-1', accountId: 'u1' });
      assert.equal(await sessions.find('code-1'), undefined, 'kinds do not mix');

      assert.deepEqual(await Promise.all([codes.consumeOnce('code-1'), codes.consumeOnce('code-1')]).then((r) => r.sort()), [false, true]);
      assert.equal((await codes.find('code-1'))?.consumed, Math.floor(now / 1000));

      await codes.revokeByGrantId('g2');
      assert.equal(await codes.find('code-2'), undefined);

      now += 120_000;
      assert.equal(await codes.find('code-1'), undefined, 'expired reads as absent');
      await codes.upsert('code-3', { accountId: 'u2' }, 30);
      now += 60_000;
      assert.equal(await sweepExpiredOidcRecords(db.knex, now), 1, 'only the expired code-3 is left to sweep');
      assert.ok(await sessions.find('s-1'), 'the live session stays');
      await db.close();
    });
  });
});
