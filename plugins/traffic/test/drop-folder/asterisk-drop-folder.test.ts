import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import { samplePath } from '../support/samples.js';
import { forEachDatabase, seedTenant, startTestHost, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { storedCalls } from '../support/traffic-store.js';

/** The Master.csv sample: 9 good rows for acme's numbers, 2 for a number nobody owns, 2 bad rows. */
const GOOD_ROWS = 9;

/** Waits for a condition the portal reaches by itself (the folder's next looks); gives up after 30 s. */
async function eventually<T>(what: string, look: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const found = await look();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never: ${what}`);
}

/**
 * A switch's drop folder, read by a real host: finished files only, through the same ingest as an
 * upload, under the configured network client; moved to done/ with what became of each record;
 * a file the process was reading when it stopped is read again at the next start.
 */
forEachDatabase((kind, open) => {
  describe(`traffic: an Asterisk drop folder read by a real host (${kind})`, function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let dataDir: string;
    let folder: string;
    let host: TestHost | undefined;
    let pbx: string;

    const start = (clientId: string) =>
      startTestHost(
        {
          plugins: {
            dirs: ['plugins', 'test/fixtures/plugins'],
            settings: {
              traffic: {
                rawRetentionDays: 3660,
                simulator: { enabled: false },
                dropFolderPollSeconds: 1,
                asteriskDropFolders: [{ path: folder, clientId, timeZone: 'America/Chicago' }],
              },
            },
          },
          database: { url: database.url, schema: database.schema ?? null },
          identity: { fixtures: null } as never,
        },
        { dataDir },
      );
    const results = async () => (await readdir(join(folder, 'done')).catch(() => [] as string[])).filter((name) => name.endsWith('.result.json')).sort();
    const resultOf = async (name: string) => JSON.parse(await readFile(join(folder, 'done', name), 'utf8')) as { file: string; answer: { stored: number; duplicates: number; refused: { line: number; code: string }[] } };
    /** Drops a file as a careful writer does: written under a partial name, then renamed into place. */
    const drop = async (name: string) => {
      await copyFile(samplePath('asterisk/Master.csv'), join(folder, `${name}.part`));
      await rename(join(folder, `${name}.part`), join(folder, name));
    };

    before(async () => {
      database = await open();
      dataDir = await mkdtemp(join(tmpdir(), 'sb-drop-host-'));
      folder = await mkdtemp(join(tmpdir(), 'sb-drop-folder-'));
      // First start: the customer, its numbers and the switch's client; the folder names the client, so the host starts again.
      host = await start('client_none_yet');
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      for (const number of ['+18005550199', '+18005550142', '+13125550100']) {
        await host.db.knex('traffic_numbers').insert({ number, tenant_id: 'acme', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z' });
      }
      pbx = (await registerApiClient(host.identity, OPERATOR, { tenantId: 'carrier', name: 'pbx-chi-1', kind: 'network', roleId: 'network-element' })).client.id;
      await host.stop();
      host = await start(pbx);
    });
    after(async () => {
      await host?.stop();
      await database?.cleanup();
      await rm(dataDir, { recursive: true, force: true });
      await rm(folder, { recursive: true, force: true });
    });

    it('stores a dropped Master.csv under the switch, moves it to done/ and says per line what was refused', async () => {
      await drop('Master.csv');
      const [name] = await eventually('the file is done', async () => ((await results()).length === 1 ? await results() : undefined));
      const outcome = await resultOf(name!);
      assert.equal(outcome.file, 'Master.csv');
      assert.deepEqual([outcome.answer.stored, outcome.answer.duplicates], [GOOD_ROWS, 0]);
      assert.deepEqual(outcome.answer.refused.map((r) => [r.line, r.code]), [[8, 'unknown_number'], [9, 'unknown_number'], [10, 'invalid_record'], [12, 'invalid_record']]);
      const stored = (await storedCalls(host!.db)).filter((call) => call.source === pbx);
      assert.equal(stored.length, GOOD_ROWS);
      assert.ok(stored.every((call) => call.tenantId === 'acme'));
      // Read in the switch's zone, as an upload with timeZone=America/Chicago is.
      assert.equal(stored.find((call) => call.sourceId.startsWith('1709302502.2591:'))!.startedAt, '2024-03-01T14:15:02.000Z');
      assert.ok(!(await readdir(folder)).includes('Master.csv'), 'taken out of the folder');
      assert.deepEqual(await readdir(join(folder, 'processing')), []);
    });

    it('counts a file dropped again (a rotated Master.csv.1) as duplicates, storing nothing twice', async () => {
      await drop('Master.csv.1');
      const names = await eventually('the second file is done', async () => ((await results()).length === 2 ? await results() : undefined));
      const outcome = await resultOf(names.find((name) => name.endsWith('Master.csv.1.result.json'))!);
      assert.deepEqual([outcome.answer.stored, outcome.answer.duplicates], [0, GOOD_ROWS]);
      assert.equal((await storedCalls(host!.db)).filter((call) => call.source === pbx).length, GOOD_ROWS);
    });

    it('reads again, at the next start, a file it was reading when the process stopped', async () => {
      await host!.stop();
      host = undefined;
      // What a crash mid-file leaves: the file in processing/, some of its records possibly stored.
      await mkdir(join(folder, 'processing'), { recursive: true });
      await copyFile(samplePath('asterisk/Master.csv'), join(folder, 'processing', 'Master.csv.2'));
      await rm(join(folder, 'done'), { recursive: true });
      host = await start(pbx);
      const [name] = await eventually('the interrupted file is done', async () => ((await results()).length === 1 ? await results() : undefined));
      assert.match(name!, /Master\.csv\.2\.result\.json$/);
      assert.deepEqual((await resultOf(name!)).answer.duplicates, GOOD_ROWS);
      assert.deepEqual(await readdir(join(folder, 'processing')), []);
    });

    it("leaves the files where they are while the folder's client is disabled", async () => {
      await host!.identity.directory.setClientStatus(OPERATOR, pbx, 'disabled');
      await drop('Master.csv.3');
      // Several looks go by (each logs the refusal); the file stays, nothing is stored.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      assert.ok((await readdir(folder)).includes('Master.csv.3'));
      await host!.identity.directory.setClientStatus(OPERATOR, pbx, 'active');
      await eventually('taken once the client is back', async () => ((await readdir(folder)).includes('Master.csv.3') ? undefined : true));
    });
  });
});
