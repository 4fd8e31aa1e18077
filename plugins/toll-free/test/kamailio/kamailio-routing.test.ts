import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import type { RoutingPlan } from '../../src/plan/model.js';
import { signedInUser, type Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { forEachDatabase, seedTenant, seedUser, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import {
  SOURCES,
  arrivedCalls,
  callIdOf,
  fillTemplate,
  freeUdpPort,
  missingSipTools,
  placeCalls,
  startDestination,
  startKamailio,
  type ArrivedCall,
  type CallToPlace,
  type Started,
} from './sip-processes.js';

/** acme's toll-free number the calls dial, and one no plan routes. */
const TOLL_FREE = '+18005550100';
const UNPLANNED = '+18005550102';
/** Callers from all over (none from New York's 212), and one from 212, which the plan blocks. */
const CALLERS = ['+12145550111', '+13125550122', '+14155550133', '+16175550144', '+17135550155', '+13055550166', '+12065550177', '+14045550188'];
const BLOCKED_CALLER = '+12125550199';

/** How many calls the split is judged on: at 70/30 an even split would miss the tolerance by 4 standard deviations. */
const SPLIT_CALLS = 300;
/** How far from its share a destination's calls may be: 7.5 points of 300 calls (about 3 standard deviations of a fair 70/30 draw). */
const SPLIT_TOLERANCE = 0.075;

const missing = missingSipTools();

/**
 * The routing query's rtjson answer driving a real SIP proxy: Kamailio 5.6 (http_client, json,
 * rtjson) asks the portal over HTTPS on every INVITE as the carrier's network element (HTTP Basic,
 * the portal's certificate verified against its CA file), relays the call where the answer says,
 * and sipp plays the callers and the two destinations on loopback. The calls must arrive in the
 * plan's proportion, each where the portal routes its call id, with the plan's header; a blocked
 * caller gets 403 and reaches no one; a number without a plan gets 404; and once a new plan is
 * activated the next calls follow it.
 */
forEachDatabase((kind, open) => {
  describe(`toll-free routing through a real Kamailio and sipp (${kind})`, function () {
    if (missing.length) {
      before(function () {
        console.warn(`\n  SKIPPED: ${missing.join(' and ')} not installed. Install them (Debian: apt-get install kamailio kamailio-json-modules kamailio-utils-modules sip-tester) to run the Kamailio test.\n`);
        this.skip();
      });
      it('places calls through Kamailio (skipped: the SIP tools are missing)', () => undefined);
      return;
    }

    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let workDir: string;
    let admin: Caller;
    let proxyPort: number;
    let callerPort: number;
    const destinations: Record<'dallas' | 'tampa', { port: number; logFile: string; uri: string; sipp?: Started }> = {} as never;
    let kamailio: Started | undefined;
    let planId: string;
    /** The proxy's HTTP Basic credentials, for asking the portal what it answered Kamailio. */
    let proxyBasic: string;
    /** Writes a cfg from the template for a proxy on `sipPort` trusting `caFile`, and answers its path. */
    let writeCfg: (name: string, sipPort: number, caFile: string) => Promise<string>;

    before(async function () {
      this.timeout(120_000);
      workDir = await mkdtemp(join(tmpdir(), 'sb-kamailio-'));
      [proxyPort, callerPort] = [await freeUdpPort(), await freeUdpPort()];
      for (const name of ['dallas', 'tampa'] as const) {
        const port = await freeUdpPort();
        destinations[name] = { port, logFile: join(workDir, `${name}.log`), uri: `sip:${name}@127.0.0.1:${port}` };
      }

      // acme's call centers are the two destinations: a plan may name them by SIP URI or as call centers.
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database, {
        tollFree: {
          customers: [
            {
              tenantId: 'acme',
              numbers: [TOLL_FREE, UNPLANNED],
              timeZone: 'America/Chicago',
              callCenters: [
                { id: 'dallas', name: 'Dallas call center', uri: destinations.dallas.uri },
                { id: 'tampa', name: 'Tampa call center', uri: destinations.tampa.uri },
              ],
            },
          ],
        },
      }));
      await seedTenant(host, 'acme', { plugins: ['traffic', 'toll-free'] });
      admin = await signedInUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator'));

      // The proxy: the carrier's network element, with its id and secret in the cfg (HTTP Basic).
      const { client, secret } = await registerApiClient(host.identity, OPERATOR, { tenantId: 'carrier', name: 'Kamailio', kind: 'network', roleId: 'network-element' });
      proxyBasic = `Basic ${Buffer.from(`${client.id}:${secret}`).toString('base64')}`;
      const portal = new URL(host.url);
      writeCfg = async (name, sipPort, caFile) => {
        const cfgFile = join(workDir, `${name}.cfg`);
        const values = { SIP_PORT: sipPort, LOG_PREFIX: name, CA_FILE: caFile, PORTAL_SCHEME: portal.protocol.replace(':', ''), PORTAL_HOST: portal.host, CLIENT_ID: client.id, CLIENT_SECRET: secret };
        await writeFile(cfgFile, fillTemplate(await readFile(join(SOURCES, 'kamailio.cfg'), 'utf8'), values));
        return cfgFile;
      };
      // The portal's certificate is self-signed: it is its own CA.
      const caFile = join(workDir, 'portal-ca.pem');
      await writeFile(caFile, host.tls.cert);
      for (const destination of Object.values(destinations)) destination.sipp = await startDestination({ port: destination.port, logFile: destination.logFile, workDir });
      kamailio = await startKamailio({ cfgFile: await writeCfg('kamailio', proxyPort, caFile), workDir, sipPort: proxyPort });
    });

    after(async () => {
      if (process.env.KAMAILIO_TEST_LOG) await writeFile(process.env.KAMAILIO_TEST_LOG, kamailio?.output() ?? '');
      await kamailio?.stop();
      for (const destination of Object.values(destinations)) await destination.sipp?.stop();
      await cleanup?.();
      await database?.cleanup();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    /** Places calls expecting each to be answered; fails with sipp's and Kamailio's output when one is not. */
    const callAnswered = async (prefix: string, calls: CallToPlace[]) => {
      const run = await placeCalls({ proxyPort, localPort: callerPort, scenarioFile: join(SOURCES, 'caller.xml'), calls, callIdPrefix: prefix, workDir });
      assert.equal(run.code, 0, `every call answered (sipp's exit code)\n${run.output}\n--- kamailio ---\n${kamailio!.output().slice(-8000)}`);
    };
    /** Places calls expecting each to be refused with `code`. */
    const callRefused = async (prefix: string, calls: CallToPlace[], code: number, proxy = { port: proxyPort, kamailio: kamailio! }) => {
      const scenarioFile = join(workDir, `refused-${code}.xml`);
      await writeFile(scenarioFile, fillTemplate(await readFile(join(SOURCES, 'refused-caller.xml'), 'utf8'), { CODE: code }));
      const run = await placeCalls({ proxyPort: proxy.port, localPort: callerPort, scenarioFile, calls, callIdPrefix: prefix, workDir });
      assert.equal(run.code, 0, `every call refused with ${code} (sipp's exit code)\n${run.output}\n--- kamailio ---\n${proxy.kamailio.output().slice(-8000)}`);
    };
    /** The calls of a run (by its Call-ID prefix) that reached each destination, once all `expected` have arrived. */
    const arrivals = async (prefix: string, expected: number) => {
      const of = async () => {
        const byDestination = { dallas: [] as ArrivedCall[], tampa: [] as ArrivedCall[] };
        for (const name of ['dallas', 'tampa'] as const) byDestination[name] = (await arrivedCalls(destinations[name].logFile)).filter((call) => call.callId.startsWith(`${prefix}-`));
        return byDestination;
      };
      await eventually(`${expected} calls of ${prefix} logged by the destinations`, async () => {
        const { dallas, tampa } = await of();
        return dallas.length + tampa.length >= expected;
      });
      return of();
    };
    /** Where the portal itself routes a call (its JSON answer), to compare with where Kamailio sent it. */
    const portalRoutes = async (call: CallToPlace, callId: string) => {
      const answer = await host.request('POST', '/api/toll-free/route', {
        headers: { authorization: proxyBasic },
        body: { dialedNumber: call.dialedNumber, callingNumber: call.callingNumber, callId },
      });
      assert.equal(answer.status, 200, answer.text);
      return answer.body as { destination: { type: string; uri?: string; callCenterId?: string }; plan: { version: number } };
    };

    it('relays each call where the plan splits it, 70/30 between two SIP URIs, with the plan in a header', async function () {
      this.timeout(300_000);
      const plan: RoutingPlan = {
        root: {
          id: 'origin',
          type: 'npa',
          branches: [{ npas: ['212'], next: { id: 'no-new-york', type: 'block' } }],
          other: {
            id: 'split',
            type: 'percent',
            branches: [
              { percent: 70, next: { id: 'to-dallas', type: 'route', destination: { type: 'sip', uri: destinations.dallas.uri } } },
              { percent: 30, next: { id: 'to-tampa', type: 'route', destination: { type: 'sip', uri: destinations.tampa.uri } } },
            ],
          },
        },
      };
      const created = await admin.post('/api/toll-free/plans', { name: 'Kamailio split', numbers: [TOLL_FREE], plan });
      assert.equal(created.status, 201, created.text);
      planId = created.body.plan.id as string;
      const activated = await admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: created.body.plan.revision, version: 1 });
      assert.equal(activated.status, 200, activated.text);

      const calls = Array.from({ length: SPLIT_CALLS }, (_, i) => ({ callingNumber: CALLERS[i % CALLERS.length]!, dialedNumber: TOLL_FREE }));
      await callAnswered('split', calls);
      const { dallas, tampa } = await arrivals('split', SPLIT_CALLS);
      assert.equal(dallas.length + tampa.length, SPLIT_CALLS, 'each call arrived once');
      const share = dallas.length / SPLIT_CALLS;
      assert.ok(Math.abs(share - 0.7) <= SPLIT_TOLERANCE, `Dallas got ${dallas.length} of ${SPLIT_CALLS} calls (${(share * 100).toFixed(1)} %), Tampa ${tampa.length}: not 70/30`);
      console.log(`      Kamailio split ${SPLIT_CALLS} calls: Dallas ${dallas.length} (${(share * 100).toFixed(1)} %), Tampa ${tampa.length}`);

      // Each call went where the portal routes its call id, to the plan's URI, naming the plan's version.
      const arrivedAt = new Map([...dallas.map((call) => [call.callId, 'dallas'] as const), ...tampa.map((call) => [call.callId, 'tampa'] as const)]);
      for (const [n, call] of calls.entries()) {
        const callId = callIdOf('split', n + 1);
        const routed = await portalRoutes(call, callId);
        const expected = routed.destination.uri === destinations.dallas.uri ? 'dallas' : 'tampa';
        assert.equal(arrivedAt.get(callId), expected, `${callId} arrived where the portal routes it`);
      }
      for (const [name, arrived] of [['dallas', dallas], ['tampa', tampa]] as const) {
        for (const call of arrived) {
          assert.equal(call.requestUri, destinations[name].uri, 'the Request-URI is the route\'s uri');
          assert.equal(call.routingPlan, `${planId};version=1`, "rtjson's extra header travelled on the INVITE");
        }
      }
    });

    it("refuses a blocked caller's INVITE with 403, reaching no destination, and a number without a plan with 404", async function () {
      this.timeout(120_000);
      await callRefused('blocked', Array.from({ length: 3 }, () => ({ callingNumber: BLOCKED_CALLER, dialedNumber: TOLL_FREE })), 403);
      await callRefused('unplanned', [{ callingNumber: CALLERS[0]!, dialedNumber: UNPLANNED }], 404);
      // A call answered after them proves the destinations have logged everything that reached them before.
      await callAnswered('marker', [{ callingNumber: CALLERS[0]!, dialedNumber: TOLL_FREE }]);
      await arrivals('marker', 1);
      const { dallas, tampa } = await arrivals('blocked', 0);
      assert.deepEqual([...dallas, ...tampa], [], 'no blocked call reached a destination');
      const unplanned = await arrivals('unplanned', 0);
      assert.deepEqual([...unplanned.dallas, ...unplanned.tampa], []);
    });

    it('sends the next calls where a newly activated plan says', async function () {
      this.timeout(120_000);
      const current = (await admin.get(`/api/toll-free/plans/${planId}`)).body.plan as { revision: number };
      const draft = await admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: current.revision, plan: { root: { id: 'all-tampa', type: 'route', destination: { type: 'call-center', callCenterId: 'tampa' } } } });
      assert.equal(draft.status, 200, draft.text);
      const activated = await admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: draft.body.plan.revision, version: 2 });
      assert.equal(activated.status, 200, activated.text);

      const calls = Array.from({ length: 40 }, (_, i) => ({ callingNumber: CALLERS[i % CALLERS.length]!, dialedNumber: TOLL_FREE }));
      await callAnswered('after', calls);
      const { dallas, tampa } = await arrivals('after', calls.length);
      assert.equal(dallas.length, 0, 'Dallas gets none of the calls after the new plan');
      assert.equal(tampa.length, calls.length);
      for (const call of tampa) {
        assert.equal(call.requestUri, destinations.tampa.uri, "the call center's uri from the settings");
        assert.equal(call.routingPlan, `${planId};version=2`);
      }
    });

    it("routes nothing when the portal's certificate cannot be verified: a proxy trusting only the public CAs answers 503", async function () {
      this.timeout(120_000);
      const port = await freeUdpPort();
      // Debian's bundle of public CAs (ca-certificates): the portal's self-signed certificate is not among them.
      const untrusting = await startKamailio({ cfgFile: await writeCfg('untrusting', port, '/etc/ssl/certs/ca-certificates.crt'), workDir, sipPort: port });
      try {
        await callRefused('unverified', [{ callingNumber: CALLERS[0]!, dialedNumber: TOLL_FREE }], 503, { port, kamailio: untrusting });
        assert.match(untrusting.output(), /the portal answered 60 for \+18005550100/, "curl's error 60: the peer's certificate could not be verified");
      } finally {
        await untrusting.stop();
      }
    });
  });
});
