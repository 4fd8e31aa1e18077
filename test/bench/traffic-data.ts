/**
 * The traffic benchmark's data: canonical call records as a switch posts them (NDJSON), the hour
 * rollup rows the ingest would leave for many calls (for the summary), and the messages between
 * the load generator (traffic.ts) and the portal process (traffic-server.ts).
 */

import { seededRandom } from '../support/seeded-random.js';


/** 300 toll-free numbers of one customer. */
export const DIALED = Array.from({ length: 300 }, (_, i) => `+1800555${String(1000 + i)}`);
/** Call centers; each call center is its own destination. */
export const CENTERS = ['chicago', 'toronto', 'dallas', 'atlanta', 'phoenix', 'denver'];
/** Callers' area codes across the US and Canada (each a state or province), busiest first. */
const CALLER_NPAS = ['212', '312', '213', '713', '305', '404', '617', '206', '303', '602', '214', '415', '512', '702', '615', '704', '801', '503', '916', '412', '216', '314', '816', '502', '504', '208', '406', '307', '605', '701', '402', '515', '608', '517', '860', '401', '802', '603', '207', '302', '410', '804', '843', '205', '601', '501', '405', '505', '907', '808', '416', '514', '604', '902'];
/** Origin states for the summary's rollup keys: one per caller area code above (a stand-in: the key cardinality is what matters). */
export const STATES = CALLER_NPAS.map((npa) => `S${npa}`);

const DISPOSITIONS = ['answered', 'answered', 'answered', 'answered', 'answered', 'answered', 'busy', 'no-answer', 'no-answer', 'failed', 'blocked'] as const;
type Disposition = (typeof DISPOSITIONS)[number];

/** An index skewed towards the start (busiest first): roughly Zipf-like. */
const skewed = (random: () => number, n: number) => Math.min(n - 1, Math.floor(n * random() ** 2.2));

/** A UTC day's traffic shape: quiet at night, busiest in business hours. */
const dailyProfile = (hourOfDay: number) => 0.25 + 1.5 * Math.max(0, Math.sin(((hourOfDay - 6) / 16) * Math.PI));
const PROFILE_MEAN = Array.from({ length: 24 }, (_, h) => dailyProfile(h)).reduce((a, b) => a + b, 0) / 24;

/**
 * One NDJSON batch of `count` valid canonical records: a few hundred dialed numbers, six call
 * centers, callers from ~50 area codes, every disposition, start times over the UTC day `day`
 * (YYYY-MM-DD) with a daily profile. `tag` makes the source ids unique across the run. This is a
 * backlog replay: every batch touches the whole day's index pages and rollup rows.
 */
export function ndjsonBatch(count: number, tag: string, seed: number, day: string, dialed: readonly string[] = DIALED): string {
  const random = seededRandom(seed);
  const base = Date.parse(`${day}T00:00:00Z`);
  const lines: string[] = [];
  for (let n = 0; n < count; n++) {
    let hour: number;
    do hour = Math.floor(random() * 24);
    while (random() * 1.75 > dailyProfile(hour));
    const start = base + hour * 3_600_000 + Math.floor(random() * 3_600_000);
    const call = callOutcome(random);
    lines.push(JSON.stringify(callRecord(random, `${tag}-${n}`, start, call, dialed)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One NDJSON batch of a live feed: a switch reports each call when it ENDS, so a batch holds the
 * `count` calls that ended in [endFrom, endFrom + spanMs) (epoch ms), in end-time order, each
 * starting its ring and talk time earlier (at most ~10 minutes). Successive batches advance in
 * time: this is the locality real ingest has (recent index pages, the current minutes' rollups).
 */
export function ndjsonFeedBatch(count: number, tag: string, seed: number, endFrom: number, spanMs: number, dialed: readonly string[] = DIALED): string {
  const random = seededRandom(seed);
  const ends = Array.from({ length: count }, () => endFrom + Math.floor(random() * spanMs)).sort((a, b) => a - b);
  return `${ends
    .map((end, n) => {
      const call = callOutcome(random);
      return JSON.stringify(callRecord(random, `${tag}-${n}`, end - call.ring - call.talk, call, dialed));
    })
    .join('\n')}\n`;
}

/** Batch templates: the batches' records differ, their source ids are made unique per batch by the tag. */
const TAG = '@@TAG@@';

/** The NDJSON body sender `s` posts as its `n`th batch; `tag` makes its source ids unique in the run. */
export type BatchSource = (s: number, n: number, tag: string) => string;

/**
 * The two shapes of ingest. A backlog replay: each batch's calls spread over a whole day (24
 * pre-built batches reused with fresh source ids), so each batch touches the calls' index pages
 * all over the day (pessimistic there), but adds to the same rollup rows again and again
 * (optimistic there: a real day makes new ones). A live feed: a switch reports calls as they
 * end, so batches arrive in end-time order, each the next second of a switch ending 1,000 calls
 * a second, starting within the last ~10 minutes (built as posted; the loader column shows that cost).
 * Shared by the ingest (traffic.ts) and the database floor (traffic-floor.ts), so both write the same rows.
 */
export const MODES = ['backlog', 'feed'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_LABEL: Record<Mode, string> = { backlog: 'day-spread', feed: 'live feed' };

/** Batches of `batch` records in `mode`; in a live feed a switch ends 1,000 calls a second, so a batch is `batch` ms of it. */
export function batchSource(mode: Mode, batch: number): BatchSource {
  if (mode === 'backlog') {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const templates = Array.from({ length: 24 }, (_, i) => ndjsonBatch(batch, TAG, 1000 + i, yesterday));
    return (s, n, tag) => templates[(s * 7 + n) % templates.length]!.replaceAll(TAG, tag);
  }
  // Senders take the feed's seconds in turn, from an hour ago on (a portal ingesting faster than
  // the switch's rate runs ahead of the clock, which changes nothing to the data's locality).
  const origin = Date.now() - 3_600_000;
  const spanMs = batch;
  let next = 0;
  return (_s, _n, tag) => {
    const k = next++;
    return ndjsonFeedBatch(batch, tag, 7_000 + k, origin + k * spanMs, spanMs);
  };
}

interface CallOutcome {
  disposition: Disposition;
  ring: number;
  talk: number;
  cause: number;
}

/** How a call went: disposition, ring and talk time (ms), release cause. */
function callOutcome(random: () => number): CallOutcome {
  const disposition: Disposition = DISPOSITIONS[Math.floor(random() * DISPOSITIONS.length)]!;
  const ring = Math.floor(random() * 20_000);
  const talk = disposition === 'answered' ? Math.floor(random() * 600_000) + 500 : 0;
  const cause = { answered: 16, busy: 17, 'no-answer': 19, failed: random() < 0.5 ? 21 : 34, blocked: 21 }[disposition];
  return { disposition, ring, talk, cause };
}

/** The canonical record of a call that started at `start` (epoch ms). */
function callRecord(random: () => number, sourceId: string, start: number, { disposition, ring, talk, cause }: CallOutcome, dialed: readonly string[]) {
  const center = CENTERS[skewed(random, CENTERS.length)]!;
  return {
    source: 'bench-sbc',
    sourceId,
    service: 'toll-free',
    direction: 'inbound',
    callingNumber: `+1${CALLER_NPAS[skewed(random, CALLER_NPAS.length)]}555${String(100 + Math.floor(random() * 100)).padStart(4, '0')}`,
    dialedNumber: dialed[skewed(random, dialed.length)],
    startedAt: new Date(start).toISOString(),
    answeredAt: disposition === 'answered' ? new Date(start + ring).toISOString() : null,
    endedAt: new Date(start + ring + talk).toISOString(),
    durationSeconds: null,
    billableSeconds: null,
    disposition,
    releaseCause: cause,
    destination: `cc-${center}`,
    routingPlanId: 'bench-main',
    routingPlanVersion: 3,
    callCenter: center,
    trunk: random() < 0.5 ? 'carrier-east' : 'carrier-west',
  };
}

type HourRow = Record<string, string | number>;

/**
 * The hour rollup rows of one hour of a tenant's calls, as the ingest keys them (tenant, hour,
 * dialed number, destination, call center, disposition, origin state): `perDay` calls a day on
 * average, shaped by the daily profile, each call's key drawn as ndjsonBatch draws it, counted
 * into its row. Returns the rows and how many calls they hold.
 */
export function hourRollupKeys(tenantId: string, bucket: Date, perDay: number, seed: number): { rows: HourRow[]; calls: number } {
  const random = seededRandom(seed + 1);
  const calls = Math.round((perDay / 24) * (dailyProfile(bucket.getUTCHours()) / PROFILE_MEAN));
  const bucketStart = bucket.toISOString();
  const rows = new Map<string, HourRow>();
  for (let n = 0; n < calls; n++) {
    const dialed = DIALED[skewed(random, DIALED.length)]!;
    const center = CENTERS[skewed(random, CENTERS.length)]!;
    const disposition = DISPOSITIONS[Math.floor(random() * DISPOSITIONS.length)]!;
    const state = STATES[skewed(random, STATES.length)]!;
    const key = `${dialed}|${center}|${disposition}|${state}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        tenant_id: tenantId,
        bucket_start: bucketStart,
        dialed_number: dialed,
        destination: `cc-${center}`,
        call_center: center,
        disposition,
        origin_state: state,
        attempts: 0,
        answered: 0,
        busy: 0,
        no_answer: 0,
        failed: 0,
        blocked: 0,
        terminal_rejects: 0,
        duration_seconds: 0,
        billable_seconds: 0,
      };
      rows.set(key, row);
    }
    (row.attempts as number)++;
    const column = disposition === 'no-answer' ? 'no_answer' : disposition;
    (row[column] as number)++;
    if (disposition === 'answered') {
      const seconds = 1 + Math.floor(random() * 600);
      (row.duration_seconds as number) += seconds;
      (row.billable_seconds as number) += seconds;
    }
  }
  return { rows: [...rows.values()], calls };
}

export interface SeededAccount {
  id: string;
  login: string;
  password: string;
}

export interface Ready {
  port: number;
  url: string;
  cert: string;
  /** Carrier staff (network-manager): assigns the numbers. */
  staff: SeededAccount;
  /** An analyst of acme, the tenant the ingested calls belong to: watches the live stream. */
  analyst: SeededAccount;
  /** An analyst of umbrella, the tenant whose month of rollups the summary reads. */
  reporter: SeededAccount;
  /** The switch: an OAuth client with the network-element role. */
  edge: { clientId: string; secret: string };
}

export interface LoadRequest {
  tenantId: string;
  /** Calls to spread over the window. */
  calls: number;
  days: number;
  /** The window's end (an hour boundary, ISO). */
  end: string;
  budgetSeconds: number;
}

export interface LoadResult {
  rows: number;
  /** Per-number day rows summed from the hour rows. */
  numberDayRows: number;
  calls: number;
  hoursLoaded: number;
  hours: number;
  seconds: number;
  generateSeconds: number;
  centers: number;
  states: number;
}

export type ServerMessage = { ready: Ready } | { id: number; answer: unknown } | { id: number; error: string };
