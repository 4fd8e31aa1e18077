/**
 * `npm run bench -- login`: what signing in costs, and what a signed-in request costs.
 *
 *  (a) Complete password sign-ins through the real pages over HTTPS, as a browser makes them:
 *      GET /auth/login -> the provider's /oidc/auth -> the sign-in page -> POST the password ->
 *      the provider again -> /auth/callback (the session cookie) -> GET /api/shell/session with
 *      it. N clients at once, each with its own account, its own loopback source address (so the
 *      per-address sign-in throttle sees N people, not one) and a kept-alive connection; every
 *      sign-in starts from an empty cookie jar. Right passwords only, so the lockout never trips.
 *  (b) Authenticated API requests carrying the session cookie (autocannon), with a sequential
 *      probe for sub-millisecond latency.
 *
 * The portal runs in a child process (test/bench/login-server.ts); this process only generates
 * load. The argon2id figures of test/bench/login-hash.ts come first, measured in this process
 * before the portal starts, as the floor under (a).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SESSION_COOKIE } from '@switchboard/host/dist/identity/cookies.js';
import { describeLoginHashing, measureLoginHashing } from './login-hash.js';
import { portalNodeArgs } from './portal-node-args.js';

const server = fileURLToPath(new URL('./login-server.js', import.meta.url));

interface Portal {
  child: ChildProcess;
  port: number;
  cert: string;
  logins: string[];
  password: string;
  origin: string;
}

interface Answer {
  status: number;
  location?: string;
  setCookies: string[];
  text: string;
}

/** Just enough of a browser: a cookie jar, one kept-alive TLS connection, a source address. */
class Browser {
  private readonly jar = new Map<string, string>();
  private readonly agent: Agent;
  /** Milliseconds per step of the sign-in, when kept (see stepOf). */
  steps: Map<string, number[]> | null = null;

  constructor(
    private readonly portal: Portal,
    localAddress: string,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ca: portal.cert, localAddress });
  }

  cookie(name: string) {
    return this.jar.get(name);
  }

  forgetCookies() {
    this.jar.clear();
  }

  close() {
    this.agent.destroy();
  }

  send(method: 'GET' | 'POST', path: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const all: Record<string, string> = { ...headers };
    if (this.jar.size) all.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      all['content-type'] = 'application/x-www-form-urlencoded';
      all['content-length'] = String(Buffer.byteLength(body));
      // What a browser sends with a form from the portal's own page.
      all.origin = this.portal.origin;
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.portal.port, method, path, headers: all, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (this.steps) {
            const step = stepOf(method, path);
            this.steps.set(step, [...(this.steps.get(step) ?? []), performance.now() - started]);
          }
          const setCookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
          for (const line of setCookies) {
            const [pair, ...attributes] = line.split(';');
            const eq = pair!.indexOf('=');
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            if (value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.jar.delete(name);
            else this.jar.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, setCookies, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** GET, following redirects on this origin. */
  async follow(path: string): Promise<Answer & { path: string }> {
    let current = path;
    for (let i = 0; i < 10; i++) {
      const answer = await this.send('GET', current);
      if (answer.status < 300 || answer.status >= 400 || !answer.location) return { ...answer, path: current };
      const next = new URL(answer.location, `${this.portal.origin}${current}`);
      current = `${next.pathname}${next.search}`;
    }
    throw new Error(`too many redirects from ${path}`);
  }
}

/** A request of the sign-in, named without its random parts. */
const stepOf = (method: string, path: string) =>
  `${method} ${path
    .split('?')[0]!
    .replace(/^\/auth\/interaction\/[^/]+/, '/auth/interaction/:uid')
    .replace(/^\/oidc\/auth\/[^/]+/, '/oidc/auth/:uid')}`;

const unescapeHtml = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** One complete sign-in from a fresh cookie jar; throws unless it ends signed in as `login`. */
async function signIn(browser: Browser, login: string, password: string): Promise<void> {
  browser.forgetCookies();
  const page = await browser.follow('/auth/login');
  const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
  if (page.status !== 200 || !action) throw new Error(`no sign-in form (${page.status}): ${page.text.slice(0, 200)}`);
  const posted = await browser.send('POST', unescapeHtml(action), { login, password });
  if (posted.status !== 303 && posted.status !== 302) throw new Error(`the password was not taken (${posted.status}): ${posted.text.replace(/\s+/g, ' ').slice(0, 300)}`);
  const next = new URL(posted.location!, 'https://portal.invalid');
  const landed = await browser.follow(`${next.pathname}${next.search}`);
  if (landed.path !== '/' || !browser.cookie(SESSION_COOKIE)) throw new Error(`no session after sign-in (${landed.status} at ${landed.path})`);
  const session = await browser.send('GET', '/api/shell/session');
  // The seeded users are named after their logins (test/support/identity.ts).
  const user = session.status === 200 ? (JSON.parse(session.text) as { user: { name: string } | null }).user : null;
  if (user?.name !== login.split('@')[0]) throw new Error(`the session is not ${login}'s (${session.status}, ${user?.name})`);
}

async function startPortal(users: number): Promise<Portal> {
  const nodeArgs = portalNodeArgs();
  const child = spawn(process.execPath, [...nodeArgs, server, String(users)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const end = buffered.indexOf('\n');
      if (end >= 0) resolve(buffered.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`the benchmark portal exited (${code}) before it was ready`)));
  });
  const ready = JSON.parse(line) as Omit<Portal, 'child' | 'origin'>;
  return { ...ready, child, origin: `https://127.0.0.1:${ready.port}` };
}

function stopPortal(portal: Portal): Promise<void> {
  return new Promise((resolve) => {
    portal.child.once('exit', () => resolve());
    portal.child.kill('SIGTERM');
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface LoginFigures {
  clients: number;
  logins: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
  /** Median milliseconds of each request of a sign-in. */
  stepMedians: { step: string; p50: number }[];
}

/** `clients` browsers signing in again and again for `seconds`, each as its own user from its own address. */
async function loginLoad(portal: Portal, clients: number, seconds: number): Promise<LoginFigures> {
  const browsers = Array.from({ length: clients }, (_, i) => new Browser(portal, `127.0.0.${10 + i}`));
  const steps = new Map<string, number[]>();
  for (const b of browsers) b.steps = steps;
  const times: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    browsers.map(async (browser, i) => {
      const login = portal.logins[i]!;
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await signIn(browser, login, portal.password);
          times.push(performance.now() - t);
        } catch (error) {
          errors++;
          firstError ??= String(error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const b of browsers) b.close();
  times.sort((a, b) => a - b);
  const stepMedians = [...steps].map(([step, ms]) => ({ step, p50: quantile(ms.sort((a, b) => a - b), 0.5) }));
  return { clients, logins: times.length, perSecond: times.length / elapsed, p50: quantile(times, 0.5), p99: quantile(times, 0.99), errors, firstError, stepMedians };
}

/** Sequential requests on one kept-alive connection, timed to the microsecond. */
async function probe(portal: Portal, path: string, headers: Record<string, string>, count: number): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: portal.cert });
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const t = process.hrtime.bigint();
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: portal.port, path, headers, agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path}: status ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end();
      });
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    agent.destroy();
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

interface ApiFigures {
  label: string;
  rps: number;
  loadP50: number;
  loadP99: number;
  p50: number;
  p99: number;
}

async function apiLoad(
  portal: Portal,
  label: string,
  path: string,
  headers: Record<string, string>,
  seconds: number,
  expected: (answer: Record<string, unknown>) => boolean,
): Promise<ApiFigures> {
  const url = `${portal.origin}${path}`;
  // The answer is the one intended (signed in or not) before it is timed.
  const answer = await fetchJson(portal, path, headers);
  if (!expected(answer)) throw new Error(`${label}: unexpected answer ${JSON.stringify(answer).slice(0, 200)}`);
  await autocannon({ url, connections: 20, duration: 2, headers }); // warm-up: JIT, TLS sessions, caches
  const load = await autocannon({ url, connections: 50, duration: seconds, headers });
  if (load.errors || load.non2xx) throw new Error(`${label}: ${load.errors} errors, ${load.non2xx} non-2xx answers`);
  const quiet = await probe(portal, path, headers, 2000);
  return { label, rps: load.requests.average, loadP50: load.latency.p50, loadP99: load.latency.p99, p50: quiet.p50, p99: quiet.p99 };
}

async function fetchJson(portal: Portal, path: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: portal.port, path, headers, ca: portal.cert, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${path}: status ${res.statusCode}`));
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export async function loginBenchmark(seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<void> {
  // One client alone: what a sign-in takes with nothing queued; then 8 and 20 at once.
  const concurrencies = [1, 8, 20];
  const hashing = await measureLoginHashing();
  console.log(`\n${describeLoginHashing(hashing)}`);

  const portal = await startPortal(Math.max(...concurrencies));
  try {
    // Warm-up: JIT, the provider for this host name, the SQLite pages.
    const warm = new Browser(portal, '127.0.0.9');
    for (let i = 0; i < 5; i++) await signIn(warm, portal.logins[0]!, portal.password);

    const logins: LoginFigures[] = [];
    for (const clients of concurrencies) logins.push(await loginLoad(portal, clients, seconds));

    // A signed-in session for the API, with a few notes to list.
    warm.forgetCookies();
    await signIn(warm, portal.logins[0]!, portal.password);
    const cookie = `${SESSION_COOKIE}=${warm.cookie(SESSION_COOKIE)!}`;
    const csrf = (JSON.parse((await warm.send('GET', '/api/shell/session')).text) as { csrfToken: string }).csrfToken;
    await addNotes(portal, cookie, csrf, 10);
    warm.close();

    const api: ApiFigures[] = [];
    api.push(await apiLoad(portal, 'GET /api/shell/session, no cookie', '/api/shell/session', {}, seconds, (a) => a.user === null));
    api.push(await apiLoad(portal, 'GET /api/shell/session, signed in', '/api/shell/session', { cookie }, seconds, (a) => a.user !== null));
    api.push(await apiLoad(portal, 'GET /api/notes/notes, signed in', '/api/notes/notes', { cookie }, seconds, (a) => Array.isArray(a.items) && a.items.length === 10));

    const { memoryCost, timeCost, parallelism } = hashing.parameters;
    console.log(`\n(a) Password sign-ins through the real pages over HTTPS, ${seconds} s per row; argon2id m=${memoryCost} KiB, t=${timeCost}, p=${parallelism}`);
    console.log('    each: /auth/login -> /oidc/auth -> sign-in page -> POST password -> /oidc/auth -> /auth/callback -> / -> /api/shell/session (8 requests)\n');
    console.log('clients   sign-ins   sign-ins/s   p50 per sign-in   p99 per sign-in   errors');
    for (const r of logins) {
      console.log(
        `${String(r.clients).padStart(7)}   ${String(r.logins).padStart(8)}   ${r.perSecond.toFixed(1).padStart(10)}   ${r.p50.toFixed(1).padStart(12)} ms   ${r.p99.toFixed(1).padStart(12)} ms   ${String(r.errors).padStart(6)}`,
      );
      if (r.firstError) console.log(`          first error: ${r.firstError}`);
    }
    console.log('\nmedian per request of a sign-in:');
    const steps = logins.map((r) => new Map(r.stepMedians.map((m) => [m.step, m.p50])));
    console.log(`${'request'.padEnd(42)}${logins.map((r) => `${r.clients} client${r.clients === 1 ? '' : 's'}`.padStart(12)).join('')}`);
    for (const { step } of logins[0]!.stepMedians) {
      console.log(`${step.padEnd(42)}${steps.map((m) => `${(m.get(step) ?? NaN).toFixed(1)} ms`.padStart(12)).join('')}`);
    }
    console.log(`\n(b) API requests on loopback: autocannon, 50 connections for ${seconds} s; then 2000 sequential requests on one connection\n`);
    console.log('request                               req/s   p50 under load   p99 under load   p50 alone   p99 alone');
    for (const r of api) {
      console.log(
        `${r.label.padEnd(35)} ${r.rps.toFixed(0).padStart(7)}   ${String(r.loadP50).padStart(11)} ms   ${String(r.loadP99).padStart(11)} ms   ${r.p50.toFixed(3).padStart(6)} ms   ${r.p99.toFixed(3).padStart(6)} ms`,
      );
    }
    const failed = logins.reduce((n, r) => n + r.errors, 0);
    if (failed) throw new Error(`${failed} sign-ins failed; the first: ${logins.find((r) => r.firstError)?.firstError}`);
  } finally {
    await stopPortal(portal);
  }
}

async function addNotes(portal: Portal, cookie: string, csrf: string, count: number) {
  for (let i = 1; i <= count; i++) {
    const body = JSON.stringify({ title: `Benchmark note ${i}`, body: 'Route 800-555-0100 to Dallas after 18:00.' });
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: portal.port,
          method: 'POST',
          path: '/api/notes/notes',
          ca: portal.cert,
          agent: false,
          headers: { cookie, 'x-csrf-token': csrf, origin: portal.origin, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`adding a note: status ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
