import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '@switchboard/host';
import { startTestHost } from '../support/host.js';
import { send } from '../support/http.js';
import { signIn, webClient } from '../support/identity.js';

const run = promisify(execFile);
const launcher = join(projectRoot, 'host/bin/switchboard.js');

describe('identity from the command line', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const switchboard = async (...args: string[]) => (await run(launcher, args, { env })).stdout;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sb-cli-identity-'));
    env = { PATH: process.env.PATH ?? '', SWITCHBOARD__dataDir: dataDir, SWITCHBOARD__plugins__dirs: '["test/fixtures/plugins"]', SWITCHBOARD__log__level: 'silent' };
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('adds a tenant and a user, whose one-time link sets a password to sign in with', async () => {
    assert.match(await switchboard('tenant', 'add', 'initech', '--name', 'Initech', '--services', 'notes'), /Tenant initech \(customer\) added under carrier: \/carrier\/initech\//);
    const added = await switchboard('user', 'add', 'peter@initech.test', '--tenant', 'initech', '--name', 'Peter Gibbons', '--role', 'analyst');
    const token = /\/auth\/setup\/([A-Za-z0-9_-]+)/.exec(added)![1]!;
    const host = await startTestHost({ identity: { fixtures: null } as never }, { dataDir });
    try {
      const client = webClient(host);
      const set = await client.request('POST', `/auth/setup/${token}`, { form: { password: 'tps reports every friday', confirm: 'tps reports every friday' } });
      assert.equal(set.status, 200);
      assert.equal((await signIn(client, 'peter@initech.test', 'tps reports every friday')).path, '/');
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 200);
    } finally {
      await host.stop();
    }
  });

  it('adds an API client whose secret, shown once, gets a token the API accepts', async () => {
    // A network client gets the network element's role by default; the notes service has no network.* entitlement to give.
    const network = await run(launcher, ['client', 'add', '--tenant', 'initech', '--name', 'Switch 7', '--kind', 'network'], { env }).then(() => null, (error: { stderr: string }) => error);
    assert.match(network!.stderr, /The role Network element gives nothing of the services initech subscribes to/);
    const printed = await switchboard('client', 'add', '--tenant', 'initech', '--name', 'CDR feed', '--kind', 'network', '--role', 'analyst');
    const id = /client_id:\s+(\S+)/.exec(printed)![1]!;
    const secret = /client_secret:\s+(\S+)/.exec(printed)![1]!;
    const host = await startTestHost({ identity: { fixtures: null } as never }, { dataDir });
    try {
      const token = await send(host.url, 'POST', '/oidc/token', {
        ca: host.tls.cert,
        rawBody: 'grant_type=client_credentials',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
      });
      assert.equal(token.status, 200, token.text);
      const res = await send(host.url, 'GET', '/api/notes/notes', { ca: host.tls.cert, headers: { authorization: `Bearer ${token.body.access_token}` } });
      assert.equal(res.status, 200);
    } finally {
      await host.stop();
    }
  });

  it('rotates the signing keys: new ones sign, old ones still verify, and a host started before accepts tokens signed after', async () => {
    const printed = await switchboard('client', 'add', '--tenant', 'initech', '--name', 'Robot', '--role', 'analyst');
    const basic = `Basic ${Buffer.from(`${/client_id:\s+(\S+)/.exec(printed)![1]}:${/client_secret:\s+(\S+)/.exec(printed)![1]}`).toString('base64')}`;
    const before = await startTestHost({ identity: { fixtures: null } as never }, { dataDir });
    const rotated = await switchboard('keys', 'rotate');
    const added = /New signing keys ([^;]+);/.exec(rotated)![1]!.split(', ');
    const after = await startTestHost({ identity: { fixtures: null } as never }, { dataDir });
    try {
      const jwks = await send(after.url, 'GET', '/oidc/jwks', { ca: after.tls.cert });
      const kids = (jwks.body.keys as { kid: string }[]).map((k) => k.kid);
      assert.equal(kids[0], added.find((k) => k.startsWith('rs256')), 'the new key comes first');
      assert.ok(kids.length >= 4, 'the retired keys are still published');
      const token = await send(after.url, 'POST', '/oidc/token', { ca: after.tls.cert, rawBody: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic } });
      const signedWith = JSON.parse(Buffer.from(String(token.body.access_token).split('.')[0]!, 'base64url').toString()).kid;
      assert.ok(added.includes(signedWith), 'signed with a new key');
      const res = await send(before.url, 'GET', '/api/notes/notes', { ca: before.tls.cert, headers: { authorization: `Bearer ${token.body.access_token}` } });
      assert.equal(res.status, 200, 'the older host learns the new key');
    } finally {
      await after.stop();
      await before.stop();
    }
  });

  it('refuses what the directory refuses, saying which field and why', async () => {
    const failed = await run(launcher, ['tenant', 'add', 'hooli', '--name', 'Hooli', '--services', 'billing'], { env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed?.code, 1);
    assert.match(failed!.stderr, /switchboard: Some services are not installed\. \(invalid_request\)\n {2}- subscriptions\[0\]: "billing" is not an installed service/);
  });
});

describe('the demo on an empty data folder', () => {
  it('seeds tenants and users at first start, prints each password once, and they sign in', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sb-demo-'));
    const env = { PATH: process.env.PATH ?? '', SWITCHBOARD__dataDir: dataDir, SWITCHBOARD__plugins__dirs: '["test/fixtures/plugins"]', SWITCHBOARD__server__httpsPort: '0', SWITCHBOARD__server__httpPort: 'null', SWITCHBOARD__server__host: '127.0.0.1', SWITCHBOARD__log__level: 'silent' };
    const child = spawn(process.execPath, [launcher, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    try {
      for (let i = 0; i < 200 && !output.includes('Everyone else:'); i++) await new Promise((r) => setTimeout(r, 100));
      const port = Number(/running at https:\/\/[^:]+:(\d+)/.exec(output)![1]);
      const accounts = [...output.matchAll(/^ {2}(\S+@\S+)\s+(\S+)\s+(\S+) (\S+)$/gm)].map((m) => ({ login: m[1]!, password: m[2]!, tenant: m[3]!, role: m[4]! }));
      assert.deepEqual(accounts.map((a) => `${a.tenant}/${a.role}`), ['carrier/administrator', 'northwind/administrator', 'acme/administrator', 'acme/analyst', 'globex/administrator', 'globex/analyst']);
      const analyst = accounts.find((a) => a.login === 'analyst@acme.example')!;
      const { readFile } = await import('node:fs/promises');
      const client = new (await import('../support/web-client.js')).WebClient(`https://127.0.0.1:${port}`, await readFile(join(dataDir, 'tls/cert.pem'), 'utf8'));
      assert.equal((await signIn(client, analyst.login, analyst.password)).path, '/');
      const session = await client.request('GET', '/api/shell/session');
      assert.deepEqual(session.body.menu.map((m: { label: string }) => m.label), ['Notes']);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    // A second start seeds nothing and prints no password.
    const again = spawn(process.execPath, [launcher, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let second = '';
    again.stdout.on('data', (c: Buffer) => (second += c.toString()));
    for (let i = 0; i < 200 && !second.includes('Plain HTTP') && !second.includes('self-signed'); i++) await new Promise((r) => setTimeout(r, 100));
    again.kill('SIGTERM');
    await new Promise((r) => again.once('exit', r));
    assert.doesNotMatch(second, /Demo accounts/);
    await rm(dataDir, { recursive: true, force: true });
  });
});
