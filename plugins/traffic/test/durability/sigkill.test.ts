import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as oidc from 'openid-client';
import { projectRoot } from '@switchboard/host';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import { callInput } from '../support/index.js';
import { signedInUser } from '../support/callers.js';
import { fetchWithCa, forEachDatabase, seedTenant, seedUser, send, startTestHost, type DatabaseKind, type TestDatabase } from '../support/switchboard.js';
import { recount, storedCalls, storedRollups } from '../support/traffic-store.js';

/**
 * "A 2xx means the records are committed": the portal runs as a real child process, eight senders
 * post 200-record batches (JSON arrays and NDJSON, alternately) to /api/traffic/cdrs, and the process is killed with SIGKILL while
 * requests are in flight. After a restart on the same data, every acknowledged batch is stored
 * exactly once, every other batch is stored whole or not at all (200 records is under the
 * 1,000-record transaction), and the rollups equal a recount from the stored calls.
 */

const SOURCE = 'sbc-sigkill';
const PER_REQUEST = 200;
const SENDERS = 8;
/** Acknowledgments to wait for before the kill. */
const ACKS_BEFORE_KILL = 6;
// The simulator stays off: the counts after restart must be exactly what the test sent.
const RETENTION = { rawRetentionDays: 3660, simulator: { enabled: false } };

interface Portal {
  url: string;
  cert: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

/** `node host/bin/switchboard.js start` on a data folder (and database), until it says where it listens. */
async function startPortal(dataDir: string, database: TestDatabase): Promise<Portal> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    SWITCHBOARD__dataDir: dataDir,
    SWITCHBOARD__server__httpsPort: '0',
    SWITCHBOARD__server__httpPort: 'null',
    SWITCHBOARD__server__host: '127.0.0.1',
    SWITCHBOARD__log__level: 'silent',
    SWITCHBOARD__identity__seedDemo: 'false',
    SWITCHBOARD__identity__fixtures: 'null',
    SWITCHBOARD__plugins__dirs: '["plugins","test/fixtures/plugins"]',
    SWITCHBOARD__plugins__settings__traffic: JSON.stringify(RETENTION),
    ...(database.url ? { DATABASE_URL: database.url, SWITCHBOARD__database__schema: database.schema! } : {}),
  };
  const child = spawn(process.execPath, [join(projectRoot, 'host/bin/switchboard.js'), 'start'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start within 60 s:\n${output}`)), 60_000);
    const look = () => {
      const match = /Switchboard is running at (https:\/\/[^\s]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code} before it started:\n${output}`));
    });
  });
  const cert = await readFile(join(dataDir, 'tls', 'cert.pem'), 'utf8');
  return { url, cert, child, exited, output: () => output };
}

async function stopGracefully(portal: Portal): Promise<void> {
  if (portal.child.exitCode === null && portal.child.signalCode === null) portal.child.kill('SIGTERM');
  await portal.exited;
}

/** A bearer token by client credentials, as a switch's own code gets it. */
async function bearer(portal: Portal, clientId: string, secret: string): Promise<string> {
  const config = await oidc.discovery(new URL(`${portal.url}/oidc`), clientId, secret, oidc.ClientSecretBasic(secret), {
    [oidc.customFetch]: fetchWithCa(portal.cert) as unknown as oidc.CustomFetch,
  });
  return (await oidc.clientCredentialsGrant(config)).access_token;
}

/** Even requests go as a JSON array, odd ones as NDJSON (the streamed path). */
function body(r: number): { rawBody: string; contentType: string } {
  const records = batch(r);
  return r % 2 === 0
    ? { rawBody: JSON.stringify(records), contentType: 'application/json' }
    : { rawBody: records.map((record) => `${JSON.stringify(record)}\n`).join(''), contentType: 'application/x-ndjson' };
}

/** Request `r`'s 200 records: unique source ids, starts spread over several minutes and hours. */
function batch(r: number): Record<string, unknown>[] {
  return Array.from({ length: PER_REQUEST }, (_, n) => {
    const start = Date.parse('2024-03-01T13:00:00Z') + ((r * PER_REQUEST + n) * 7_919) % (4 * 3600_000);
    const answered = n % 5 !== 4;
    return callInput({
      source: SOURCE,
      sourceId: `req-${r}-${n}`,
      callingNumber: ['+12125550131', '+13125550187', '+14165550178'][n % 3],
      startedAt: new Date(start).toISOString(),
      answeredAt: answered ? new Date(start + 4_000).toISOString() : null,
      endedAt: new Date(start + (answered ? 4_000 + (n % 300) * 1_000 + 500 : 20_000)).toISOString(),
      durationSeconds: null,
      billableSeconds: null,
      disposition: answered ? 'answered' : 'no-answer',
      releaseCause: answered ? 16 : 19,
    });
  });
}

async function until(what: string, check: () => boolean, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

forEachDatabase((kind: DatabaseKind, open) => {
  describe(`traffic: a 2xx from POST /cdrs survives SIGKILL of the portal process (${kind})`, () => {
    let database: TestDatabase;
    let dataDir: string;
    let ownDataDir = false;
    let portal: Portal | undefined;
    let clientId: string;
    let secret: string;

    before(async () => {
      database = await open();
      // On SQLite the portal's database is <dataDir>/switchboard.sqlite: the test's fresh file.
      ownDataDir = kind !== 'sqlite';
      dataDir = kind === 'sqlite' ? dirname(database.sqliteFile) : await mkdtemp(join(tmpdir(), 'sb-sigkill-'));
      // Tenant, numbers and the switch's client through an in-process host on the same data, stopped before the child starts.
      const setup = await startTestHost(
        {
          plugins: { dirs: ['plugins', 'test/fixtures/plugins'], settings: { traffic: RETENTION } },
          database: { url: database.url, schema: database.schema ?? null },
          identity: { fixtures: null } as never,
        },
        { dataDir },
      );
      try {
        await seedTenant(setup, 'acme', { plugins: ['traffic'] });
        const staff = await signedInUser(setup, await seedUser(setup, 'carrier', 'ops@carrier.test', 'network-manager'));
        assert.equal((await staff.put('/api/traffic/numbers/+18005550199', { tenantId: 'acme' })).status, 200);
        const registered = await registerApiClient(setup.identity, OPERATOR, { tenantId: 'carrier', name: 'sbc-sigkill', kind: 'network', roleId: 'network-element' });
        clientId = registered.client.id;
        secret = registered.secret;
      } finally {
        await setup.stop();
      }
    });
    after(async () => {
      if (portal) await stopGracefully(portal);
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
      await database?.cleanup();
    });

    it('keeps every acknowledged batch exactly once, no partial batch, and rollups equal to a recount, after a kill mid-ingest and a restart', async () => {
      portal = await startPortal(dataDir, database);
      const first = portal;
      const token = await bearer(first, clientId, secret);
      const post = (r: number) => {
        const { rawBody, contentType } = body(r);
        return send(first.url, 'POST', '/api/traffic/cdrs', { ca: first.cert, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, rawBody });
      };

      const acknowledged: number[] = [];
      const unacknowledged: { r: number; outcome: string }[] = [];
      const inFlight = new Set<number>();
      let next = 0;
      let stopping = false;
      const sender = async () => {
        while (!stopping) {
          const r = next++;
          inFlight.add(r);
          try {
            const answer = await post(r);
            if (answer.status >= 200 && answer.status < 300) {
              assert.deepEqual(answer.body, { stored: PER_REQUEST, duplicates: 0, refused: [] }, `request ${r}`);
              acknowledged.push(r);
            } else {
              unacknowledged.push({ r, outcome: `status ${answer.status}` });
            }
          } catch (error) {
            unacknowledged.push({ r, outcome: (error as NodeJS.ErrnoException).code ?? String(error) });
          } finally {
            inFlight.delete(r);
          }
        }
      };
      const senders = Array.from({ length: SENDERS }, () => sender());

      await until(`${ACKS_BEFORE_KILL} acknowledgments`, () => acknowledged.length >= ACKS_BEFORE_KILL, 90_000);
      stopping = true;
      const inFlightAtKill = [...inFlight];
      first.child.kill('SIGKILL');
      await first.exited;
      assert.equal(first.child.signalCode, 'SIGKILL');
      await Promise.all(senders);
      assert.ok(inFlightAtKill.length > 0, 'requests were in flight when the process was killed');

      // Restart on the same data folder and database.
      portal = await startPortal(dataDir, database);
      const second = portal;

      const stored = (await storedCalls(database.db)).filter((call) => call.source === SOURCE);
      const perRequest = new Map<number, number>();
      const ids = new Set<string>();
      for (const call of stored) {
        ids.add(call.sourceId);
        const r = Number(/^req-(\d+)-\d+$/.exec(call.sourceId)![1]);
        perRequest.set(r, (perRequest.get(r) ?? 0) + 1);
      }
      assert.equal(ids.size, stored.length, 'no record is stored twice');
      for (const r of acknowledged) assert.equal(perRequest.get(r), PER_REQUEST, `acknowledged request ${r} is stored whole`);
      const partial = [...perRequest].filter(([, count]) => count !== PER_REQUEST);
      assert.deepEqual(partial, [], 'no request left part of a batch');
      const committedUnacknowledged = unacknowledged.filter(({ r }) => perRequest.has(r)).map(({ r }) => r);
      assert.equal(stored.length, (acknowledged.length + committedUnacknowledged.length) * PER_REQUEST);

      for (const granularity of ['minute', 'hour'] as const) {
        assert.deepEqual(await storedRollups(database.db, granularity), await recount(database.db, granularity), `${granularity} rollups equal a recount`);
      }

      // The restarted portal answers, and a batch resent is recognized record by record.
      const token2 = await bearer(second, clientId, secret);
      const repost = (r: number) => {
        const { rawBody, contentType } = body(r);
        return send(second.url, 'POST', '/api/traffic/cdrs', { ca: second.cert, headers: { authorization: `Bearer ${token2}`, 'content-type': contentType }, rawBody });
      };
      const resent = await repost(acknowledged[0]!);
      assert.equal(resent.status, 200, resent.text);
      assert.deepEqual(resent.body, { stored: 0, duplicates: PER_REQUEST, refused: [] });
      const lost = unacknowledged.find(({ r }) => !perRequest.has(r));
      if (lost) {
        const retried = await repost(lost.r);
        assert.deepEqual([retried.status, retried.body.stored, retried.body.duplicates], [200, PER_REQUEST, 0]);
      }

      console.log(
        `      ${kind}: ${next} requests sent, ${acknowledged.length} acknowledged, ${inFlightAtKill.length} in flight at SIGKILL, ` +
          `${unacknowledged.length} unacknowledged (${committedUnacknowledged.length} of them committed whole, ${unacknowledged.length - committedUnacknowledged.length} not at all; ` +
          `outcomes ${[...new Set(unacknowledged.map((u) => u.outcome))].join(', ')}); ${stored.length} records stored after restart`,
      );
    });
  });
});
