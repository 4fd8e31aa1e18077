import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '@switchboard/sdk';
import { loadConfig, openStorage, projectRoot, verifyAuditChain } from '@switchboard/host';
import { HashChainedAuditLog } from '@switchboard/host/dist/audit/audit-log.js';
import { forEachDatabase } from '../support/databases.js';

const run = promisify(execFile);

const entry = (n: number) => ({
  actor: { kind: 'user', subject: `user-${n % 3}`, name: `User ${n % 3}` },
  tenantId: n % 2 ? 'acme' : 'globex',
  plugin: 'toll-free',
  action: 'POST /api/toll-free/plans/:id/activate',
  resource: `plan-${n}`,
  outcome: 200,
  requestId: `req-${n}`,
  details: { version: n, numbers: ['8005550100'] },
});

forEachDatabase((kind, open) => {
  describe(`the audit trail (${kind})`, () => {
    let database: Awaited<ReturnType<typeof open>>;
    let dataDir: string;
    let config: ReturnType<typeof loadConfig>;

    beforeEach(async () => {
      database = await open();
      dataDir = await mkdtemp(join(tmpdir(), 'sb-audit-'));
      config = loadConfig({ dataDir, database: { url: database.url, schema: database.schema ?? null } }, {});
    });
    afterEach(async () => {
      await database.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('chains each record to the one before and verifies', async () => {
      const db = await openStorage(config);
      const log = new HashChainedAuditLog(db.knex, systemClock);
      const records = [];
      for (let n = 1; n <= 5; n++) records.push(await log.append(entry(n)));
      assert.deepEqual(records.map((r) => r.seq), [1, 2, 3, 4, 5]);
      assert.equal(records[3]!.prevHash, records[2]!.hash);
      assert.deepEqual(await verifyAuditChain(db.knex), { ok: true, records: 5, head: records[4]!.hash });
      await db.close();
    });

    it('keeps one unbroken chain when two writers on one database append at once', async () => {
      const [a, b] = [await openStorage(config), await openStorage(config)];
      const logA = new HashChainedAuditLog(a.knex, systemClock);
      const logB = new HashChainedAuditLog(b.knex, systemClock);
      await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 ? logA : logB).append(entry(n))));
      const verdict = await verifyAuditChain(a.knex);
      assert.deepEqual({ ok: verdict.ok, records: verdict.records }, { ok: true, records: 40 });
      await Promise.all([a.close(), b.close()]);
    });

    it('shows a changed row, and the command says so with exit code 1', async () => {
      const db = await openStorage(config);
      const log = new HashChainedAuditLog(db.knex, systemClock);
      for (let n = 1; n <= 4; n++) await log.append(entry(n));
      await db.knex('host_audit').where({ seq: 3 }).update({ outcome: 403 });
      assert.deepEqual(await verifyAuditChain(db.knex), { ok: false, records: 2, brokenAt: 3, reason: 'record 3 was changed after it was written' });
      await db.close();

      const env = {
        ...process.env,
        SWITCHBOARD__dataDir: dataDir,
        DATABASE_URL: database.url ?? '',
        ...(database.schema ? { SWITCHBOARD__database__schema: database.schema } : {}),
      };
      if (!database.url) delete (env as Record<string, string>).DATABASE_URL;
      const result = await run('node', [join(projectRoot, 'host/dist/cli.js'), 'audit', 'verify'], { env }).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      );
      assert.equal(result.code, 1);
      assert.match(result.stdout, /AUDIT TRAIL BROKEN at record 3: record 3 was changed after it was written/);
    });

    it('shows a removed row', async () => {
      const db = await openStorage(config);
      const log = new HashChainedAuditLog(db.knex, systemClock);
      for (let n = 1; n <= 4; n++) await log.append(entry(n));
      await db.knex('host_audit').where({ seq: 2 }).delete();
      assert.deepEqual(await verifyAuditChain(db.knex), { ok: false, records: 1, brokenAt: 2, reason: 'record 2 is missing' });
      await db.close();
    });

    it('shows a row re-hashed by someone who rewrote it but could not rewrite the rest', async () => {
      const db = await openStorage(config);
      const log = new HashChainedAuditLog(db.knex, systemClock);
      for (let n = 1; n <= 3; n++) await log.append(entry(n));
      await db.knex('host_audit').where({ seq: 2 }).update({ hash: 'f'.repeat(64) });
      const verdict = await verifyAuditChain(db.knex);
      assert.equal(verdict.ok, false);
      assert.equal((verdict as { brokenAt: number }).brokenAt, 2);
      await db.close();
    });
  });
});
