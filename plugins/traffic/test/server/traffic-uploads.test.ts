import assert from 'node:assert/strict';
import { callInput, readSample } from '../support/index.js';
import { apiClient, signedInUser, type ApiClient } from '../support/callers.js';
import { forEachDatabase, seedTenant, seedUser, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';
import { recount, storedCalls, storedRollups } from '../support/traffic-store.js';

/** Small enough to cross in a test, large enough for a JSON array over the host's 1 MiB JSON cap. */
const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
const NDJSON = 'application/x-ndjson';

/** NDJSON lines of valid records, each padded to `width` bytes so the test knows where the limit falls. */
function paddedLines(prefix: string, count: number, width: number): Buffer[] {
  return Array.from({ length: count }, (_, n) => {
    const line = JSON.stringify(callInput({ sourceId: `${prefix}-${String(n).padStart(5, '0')}` }));
    assert.ok(line.length < width);
    return Buffer.from(`${line.padEnd(width - 1)}\n`);
  });
}

forEachDatabase((kind, open) => {
  describe(`traffic: streamed uploads (NDJSON, Master.csv, large JSON arrays), through a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let edge: ApiClient;
    let acmeBot: ApiClient;

    const callsFrom = async (source: string, prefix = '') => (await storedCalls(host.db)).filter((call) => call.source === source && call.sourceId.startsWith(prefix));

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open, { uploadMaxBytes: UPLOAD_MAX_BYTES }));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      const staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      // 800-555-0177 (two rows of the Master.csv sample) is left unassigned: those rows are refused by line.
      for (const number of ['+18005550199', '+18005550142', '+13125550100']) {
        assert.equal((await staff.put(`/api/traffic/numbers/${number}`, { tenantId: 'acme' })).status, 200);
      }
      edge = await apiClient(host, { tenantId: 'carrier', name: 'pbx-chi-1', kind: 'network', roleId: 'network-element' });
      // A customer's automation with the analyst role: reads calls, sends none.
      acmeBot = await apiClient(host, { tenantId: 'acme', name: 'acme-reports', kind: 'automation', roleId: 'analyst' });
    });
    after(async () => {
      await cleanup?.();
    });

    it('stores the NDJSON sample posted to /cdrs, refusing its bad line by number; the same file again stores nothing', async () => {
      const ndjson = await readSample('canonical/batch.ndjson');
      const answer = await edge.postRaw('/api/traffic/cdrs', ndjson, NDJSON);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body, {
        stored: 7,
        duplicates: 0,
        refused: [
          {
            line: 6,
            code: 'invalid_record',
            errors: [
              { field: 'callCentre', message: 'is not a call record field' },
              { field: 'answeredAt', message: 'is after endedAt' },
            ],
          },
        ],
      });
      assert.equal((await callsFrom('sbc-nyc-2', '7c1e4a2f-')).length, 7);

      const again = await edge.postRaw('/api/traffic/cdrs', ndjson, `${NDJSON}; charset=utf-8`);
      assert.equal(again.status, 200, again.text);
      assert.deepEqual([again.body.stored, again.body.duplicates, again.body.refused.map((r: { line: number }) => r.line)], [0, 7, [6]]);
      assert.equal((await callsFrom('sbc-nyc-2', '7c1e4a2f-')).length, 7);
    });

    it('stores the Master.csv sample posted to /asterisk in the switch\'s zone, refusing bad rows and unassigned numbers by line', async () => {
      const csv = await readSample('asterisk/Master.csv');
      const answer = await edge.postRaw('/api/traffic/asterisk?timeZone=America/Chicago', csv, 'text/csv');
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.stored, 9);
      assert.equal(answer.body.duplicates, 0);
      assert.deepEqual(answer.body.refused.map((r: { line: number; code: string; errors: { field: string }[] }) => [r.line, r.code, r.errors.map((e) => e.field)]), [
        [8, 'unknown_number', ['dialedNumber']],
        [9, 'unknown_number', ['dialedNumber']],
        [10, 'invalid_record', ['dst']],
        [12, 'invalid_record', ['']],
      ]);
      // Named after the switch that uploaded, its local times read in America/Chicago.
      const stored = await callsFrom(edge.clientId);
      assert.equal(stored.length, 9);
      assert.ok(stored.every((call) => call.tenantId === 'acme'));
      assert.equal(stored.find((call) => call.sourceId.startsWith('1709302502.2591:'))!.startedAt, '2024-03-01T14:15:02.000Z');

      const again = await edge.postRaw('/api/traffic/asterisk?timeZone=America/Chicago', csv, 'text/csv');
      assert.deepEqual([again.status, again.body.stored, again.body.duplicates, again.body.refused.length], [200, 0, 9, 4]);
      assert.equal((await callsFrom(edge.clientId)).length, 9);
    });

    it('refuses an upload without a known time zone, or of another type, before reading it', async () => {
      const csv = await readSample('asterisk/Master.csv');
      const noZone = await edge.postRaw('/api/traffic/asterisk', csv, 'text/csv');
      assert.equal(noZone.status, 400);
      const badZone = await edge.postRaw('/api/traffic/asterisk?timeZone=America/Springfield', csv, 'text/csv');
      assert.equal(badZone.status, 400);
      assert.deepEqual(badZone.body.error.fields.map((f: { field: string }) => f.field), ['query.timeZone']);
      const wrongType = await edge.postRaw('/api/traffic/cdrs', csv, 'text/csv');
      assert.equal(wrongType.status, 415);
      assert.equal(wrongType.body.error.message, 'Send the body as application/json or application/x-ndjson.');
    });

    it('takes a JSON array over the host\'s 1 MiB JSON limit, committed 1,000 records a transaction', async () => {
      const batch = Array.from({ length: 2_500 }, (_, n) => callInput({ sourceId: `big-${n}` }));
      const text = JSON.stringify(batch);
      assert.ok(text.length > 1024 * 1024);
      const answer = await edge.postRaw('/api/traffic/cdrs', text, 'application/json');
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body, { stored: 2_500, duplicates: 0, refused: [] });
      assert.equal((await callsFrom('sbc-nyc-2', 'big-')).length, 2_500);
    });

    it('refuses a body that declares more than the limit (413) before reading it, storing nothing', async () => {
      const lines = Buffer.concat(paddedLines('declared', 2_100, 1_024)); // 2,150,400 bytes
      const answer = await edge.postRaw('/api/traffic/cdrs', lines.toString('utf8'), NDJSON);
      assert.equal(answer.status, 413);
      assert.equal((await callsFrom('sbc-nyc-2', 'declared-')).length, 0);
    });

    it('keeps the batches committed before a chunked body crossed the limit, and nothing after them', async () => {
      // 900-byte lines: records 1–2,000 end at 1,800,000 bytes, well before the 2 MiB limit (more
      // than a socket read ahead), and the limit falls inside the third batch, which is dropped whole.
      const outcome = await edge.postStream('/api/traffic/cdrs', NDJSON, { chunks: paddedLines('cut', 3_000, 900) });
      // Past the limit the host closes the request: the 413 reaches the sender only if it was read before the reset.
      if ('status' in outcome) {
        assert.equal(outcome.status, 413, outcome.text);
        assert.match(outcome.body.error.message, /up to line 2000 were committed and stay stored \(2000 stored, 0 duplicates, 0 refused\)/);
      }
      const stored = (await callsFrom('sbc-nyc-2', 'cut-')).map((call) => call.sourceId).sort();
      assert.equal(stored.length, 2_000);
      assert.equal(stored.at(-1), 'cut-01999');
      for (const granularity of ['minute', 'hour'] as const) {
        assert.deepEqual(await storedRollups(host.db, granularity), await recount(host.db, granularity), `${granularity} rollups`);
      }

      // Sending the part that was lost, from its first uncommitted line, completes the upload.
      const rest = await edge.postStream('/api/traffic/cdrs', NDJSON, { chunks: paddedLines('cut', 3_000, 900).slice(1_500) });
      assert.ok('status' in rest && rest.status === 200, JSON.stringify(rest));
      assert.deepEqual([rest.body.stored, rest.body.duplicates], [1_000, 500]);
      assert.equal((await callsFrom('sbc-nyc-2', 'cut-')).length, 3_000);
    });

    it("answers a customer's analyst 403 before any byte of the body is sent", async () => {
      const outcome = await acmeBot.postStream('/api/traffic/cdrs', NDJSON, { holdBody: true });
      assert.ok('status' in outcome, JSON.stringify(outcome));
      assert.equal(outcome.status, 403);
      assert.equal(outcome.body.error.message, 'This needs the entitlement traffic:network.cdrs.write.');
      const asterisk = await acmeBot.postStream('/api/traffic/asterisk?timeZone=UTC', 'text/csv', { holdBody: true });
      assert.ok('status' in asterisk && asterisk.status === 403, JSON.stringify(asterisk));
    });
  });
});
