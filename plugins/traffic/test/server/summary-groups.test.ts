import assert from 'node:assert/strict';
import type { CallRecord } from '../../src/cdr/call-record.js';
import { measuresOf } from '../../src/rollup/measures.js';
import type { RollupCounts } from '../../src/rollup/rollup-row.js';
import { callInput, seededRandom } from '../support/index.js';
import { apiClient, signedInUser, type Caller } from '../support/callers.js';
import { forEachDatabase, seedTenant, seedUser, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';
import { storedCalls } from '../support/traffic-store.js';

/** acme's 24 numbers (more than a split summary names), and globex's two. */
const ACME_NUMBERS = Array.from({ length: 24 }, (_, i) => `+1800555${2000 + i}`);
const GLOBEX_NUMBERS = ['+18885550123', '+18885550124'];
const DESTINATIONS = ['cc-chicago', 'cc-toronto', 'cc-dallas', null];
const CALLERS = ['+12125550131', '+13125550187', '+14165550178', '+19025550127', '+18765550140', null];
const DISPOSITIONS = ['answered', 'answered', 'busy', 'no-answer', 'failed', 'blocked'] as const;
const CAUSES = { answered: 16, busy: 17, 'no-answer': 19, failed: 21, blocked: 21 } as const;

/** Calls over two days (2024-03-01 and 02) to the given numbers, skewed so that groups differ in size. */
function callsTo(numbers: readonly string[], count: number, seed: number): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() ** 1.6 * items.length)]!;
  const base = Date.parse('2024-03-01T00:00:00Z');
  return Array.from({ length: count }, (_, n) => {
    const start = base + Math.floor(random() * 2 * 86_400) * 1000;
    const disposition = pick(DISPOSITIONS);
    const destination = pick(DESTINATIONS);
    return callInput({
      sourceId: `split-${seed}-${n}`,
      callingNumber: pick(CALLERS),
      dialedNumber: pick(numbers),
      startedAt: new Date(start).toISOString(),
      answeredAt: disposition === 'answered' ? new Date(start + 5_000).toISOString() : null,
      endedAt: new Date(start + (disposition === 'answered' ? 65_000 : 5_000)).toISOString(),
      durationSeconds: null,
      billableSeconds: null,
      disposition,
      releaseCause: CAUSES[disposition],
      destination,
      callCenter: destination === null ? null : destination.slice(3),
    });
  });
}

const GROUP_OF: Record<string, (call: CallRecord) => string> = {
  dialedNumber: (call) => call.dialedNumber,
  destination: (call) => call.destination ?? '',
  callCenter: (call) => call.callCenter ?? '',
  disposition: (call) => call.disposition,
  originState: (call) => call.origin?.state ?? call.origin?.country ?? '',
};
const BUCKET_OF = {
  minute: (call: CallRecord) => `${call.startedAt.slice(0, 16)}:00.000Z`,
  hour: (call: CallRecord) => `${call.startedAt.slice(0, 13)}:00:00.000Z`,
  day: (call: CallRecord) => `${call.startedAt.slice(0, 10)}T00:00:00.000Z`,
};

/** Calls by a key of each (Map.groupBy needs Node 21). */
function groupCalls(calls: CallRecord[], keyOf: (call: CallRecord) => string): Map<string, CallRecord[]> {
  const groups = new Map<string, CallRecord[]>();
  for (const call of calls) groups.set(keyOf(call), [...(groups.get(keyOf(call)) ?? []), call]);
  return groups;
}

/** Counts of raw calls, straight from the records (not through any rollup code). */
function countsOf(calls: CallRecord[]): RollupCounts {
  const count = (disposition: string) => calls.filter((call) => call.disposition === disposition).length;
  return {
    attempts: calls.length,
    answered: count('answered'),
    busy: count('busy'),
    noAnswer: count('no-answer'),
    failed: count('failed'),
    blocked: count('blocked'),
    terminalRejects: calls.filter((call) => call.disposition === 'failed' && call.releaseCause === 21).length,
    durationSeconds: calls.reduce((sum, call) => sum + call.durationSeconds, 0),
    billableSeconds: calls.reduce((sum, call) => sum + call.billableSeconds, 0),
  };
}

const withMeasures = (counts: RollupCounts) => {
  const { asr, acdSeconds, ner } = measuresOf(counts);
  return { ...counts, asr, acdSeconds, ner };
};

/** Buckets of calls as the summary answers them: those with calls, in time order. */
function bucketsOf(calls: CallRecord[], granularity: keyof typeof BUCKET_OF) {
  const byStart = groupCalls(calls, BUCKET_OF[granularity]);
  return [...byStart].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, inBucket]) => ({ start, ...withMeasures(countsOf(inBucket)) }));
}

/** The split summary recounted from raw calls: groups by attempts (then key), the 21st on summed into *other*. */
function expectedGroups(calls: CallRecord[], granularity: keyof typeof BUCKET_OF, groupBy: string) {
  const byKey = [...groupCalls(calls, GROUP_OF[groupBy]!)].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1));
  const groups = byKey.slice(0, 20).map(([key, inGroup]) => ({ key, buckets: bucketsOf(inGroup, granularity), total: withMeasures(countsOf(inGroup)) }));
  const rest = byKey.slice(20).flatMap(([, inGroup]) => inGroup);
  if (rest.length) groups.push({ key: '*other*', buckets: bucketsOf(rest, granularity), total: withMeasures(countsOf(rest)) });
  return groups;
}

const summaryPath = (query: string) => `/api/traffic/summary?from=2024-03-01T00:00:00Z&to=2024-03-03T00:00:00Z&${query}`;

forEachDatabase((kind, open) => {
  describe(`traffic: summaries split by a column (groupBy), through a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let acmeAnalyst: Caller;
    let acmeDesk: Caller;
    let globexUser: Caller;

    const tenantCalls = async (tenantId: string) => (await storedCalls(host.db)).filter((call) => call.tenantId === tenantId);

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      await seedTenant(host, 'globex', { plugins: ['traffic'] });
      const staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      acmeAnalyst = await signedInUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst'));
      acmeDesk = await signedInUser(host, await seedUser(host, 'acme', 'desk@acme.test', 'analyst', [ACME_NUMBERS[0]!, ACME_NUMBERS[5]!]));
      globexUser = await signedInUser(host, await seedUser(host, 'globex', 'gus@globex.test', 'analyst'));
      const edge = await apiClient(host, { tenantId: 'carrier', name: 'tf-edge-1', kind: 'network', roleId: 'network-element' });
      for (const number of ACME_NUMBERS) assert.equal((await staff.put(`/api/traffic/numbers/${number}`, { tenantId: 'acme' })).status, 200);
      for (const number of GLOBEX_NUMBERS) assert.equal((await staff.put(`/api/traffic/numbers/${number}`, { tenantId: 'globex' })).status, 200);
      for (const batch of [callsTo(ACME_NUMBERS, 1500, 1), callsTo(GLOBEX_NUMBERS, 300, 2)]) {
        const answer = await edge.post('/api/traffic/cdrs', batch);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.refused, []);
      }
    });
    after(async () => {
      await cleanup?.();
    });

    it('splits every granularity by every column, each group equal to a recount of the raw records', async () => {
      const acme = await tenantCalls('acme');
      for (const granularity of ['day', 'hour', 'minute'] as const) {
        for (const groupBy of Object.keys(GROUP_OF)) {
          const res = await acmeAnalyst.get(summaryPath(`granularity=${granularity}&groupBy=${groupBy}`));
          assert.equal(res.status, 200, res.text);
          const what = `${granularity} by ${groupBy}`;
          // The unsplit answer stays as it was: window, buckets and total.
          assert.equal(res.body.granularity, granularity);
          assert.deepEqual([res.body.from, res.body.to], ['2024-03-01T00:00:00.000Z', '2024-03-03T00:00:00.000Z']);
          assert.deepEqual(res.body.buckets, bucketsOf(acme, granularity), `${what}: buckets`);
          assert.deepEqual(res.body.total, withMeasures(countsOf(acme)), `${what}: total`);
          assert.deepEqual(res.body.groups, expectedGroups(acme, granularity, groupBy), `${what}: groups`);
        }
      }
    });

    it('names at most 20 groups, most attempts first, and sums the rest into *other*', async () => {
      const res = await acmeAnalyst.get(summaryPath('granularity=day&groupBy=dialedNumber'));
      const keys = res.body.groups.map((group: { key: string }) => group.key);
      assert.equal(keys.length, 21);
      assert.equal(keys[20], '*other*');
      const attempts = res.body.groups.slice(0, 20).map((group: { total: { attempts: number } }) => group.total.attempts);
      assert.deepEqual(attempts, [...attempts].sort((a, b) => b - a));
      const summed = res.body.groups.reduce((sum: number, group: { total: { attempts: number } }) => sum + group.total.attempts, 0);
      assert.equal(summed, res.body.total.attempts);
      // Without groupBy the answer has no groups at all.
      assert.equal((await acmeAnalyst.get(summaryPath('granularity=day'))).body.groups, undefined);
    });

    it("never counts another tenant's calls into a group, nor shows its values", async () => {
      const globex = await tenantCalls('globex');
      const res = await globexUser.get(summaryPath('granularity=day&groupBy=dialedNumber'));
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.groups, expectedGroups(globex, 'day', 'dialedNumber'));
      assert.ok(res.body.groups.every((group: { key: string }) => GLOBEX_NUMBERS.includes(group.key)));
      // Naming the other tenant reads exactly like a tenant without traffic.
      const theirs = await globexUser.get(summaryPath('granularity=hour&groupBy=destination&tenantId=acme'));
      assert.equal(theirs.status, 200);
      assert.deepEqual([theirs.body.buckets, theirs.body.groups, theirs.body.total.attempts], [[], [], 0]);
    });

    it('keeps a user whose grant is scoped to some numbers to those numbers, split or not', async () => {
      const inScope = (await tenantCalls('acme')).filter((call) => call.dialedNumber === ACME_NUMBERS[0] || call.dialedNumber === ACME_NUMBERS[5]);
      for (const groupBy of ['dialedNumber', 'disposition']) {
        const res = await acmeDesk.get(summaryPath(`granularity=day&groupBy=${groupBy}`));
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.body.total, withMeasures(countsOf(inScope)));
        assert.deepEqual(res.body.groups, expectedGroups(inScope, 'day', groupBy));
      }
      const oneNumber = await acmeAnalyst.get(summaryPath(`granularity=hour&groupBy=callCenter&dialedNumber=${encodeURIComponent(ACME_NUMBERS[3]!)}`));
      assert.deepEqual(oneNumber.body.groups, expectedGroups((await tenantCalls('acme')).filter((call) => call.dialedNumber === ACME_NUMBERS[3]), 'hour', 'callCenter'));
    });

    it('refuses an unknown groupBy with a 400 that names it', async () => {
      for (const groupBy of ['trunk', 'tenantId', '']) {
        const res = await acmeAnalyst.get(summaryPath(`granularity=day&groupBy=${groupBy}`));
        assert.equal(res.status, 400, `groupBy=${groupBy}`);
        assert.deepEqual(res.body.error.fields.map((field: { field: string }) => field.field), ['query.groupBy']);
      }
    });
  });
});
