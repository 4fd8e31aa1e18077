import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '@switchboard/host';
import { send } from '../support/http.js';
import { startTestHost } from '../support/host.js';

const run = promisify(execFile);

describe('the HTTPS server', () => {
  it('redirects plain HTTP to the same path over HTTPS', async () => {
    const host = await startTestHost({ server: { httpPort: 0 } as never });
    const res = await send(`http://127.0.0.1:${host.httpPort}`, 'GET', '/api/notes/notes?limit=5');
    assert.equal(res.status, 308);
    assert.equal(res.headers.location, `https://127.0.0.1:${host.port}/api/notes/notes?limit=5`);
    await host.dispose();
  });

  it('generates its certificate once, keeps the key private, and reuses both', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sb-tls-'));
    const first = await startTestHost({}, { dataDir });
    assert.equal(first.tls.source, 'generated');
    await first.stop();
    assert.equal((await stat(join(dataDir, 'tls/key.pem'))).mode & 0o777, 0o600);
    const second = await startTestHost({}, { dataDir });
    assert.equal(second.tls.source, 'generated earlier');
    assert.equal(second.tls.cert, await readFile(join(dataDir, 'tls/cert.pem'), 'utf8'));
    await second.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes requests in flight when it stops, and is not ready meanwhile', async () => {
    const host = await startTestHost();
    const slow = host.request('GET', '/api/notes/wait?ms=800', { as: 'alice' });
    await new Promise((r) => setTimeout(r, 200));
    const stopping = host.stop();
    const res = await slow;
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { waited: 800 });
    await stopping;
    await assert.rejects(host.request('GET', '/healthz'), /ECONNREFUSED/);
    await host.dispose();
  });

  it('answers cross-origin calls only for configured origins', async () => {
    const host = await startTestHost({ cors: { origins: ['https://ops.example.com'] } });
    const preflight = (origin: string) =>
      host.request('OPTIONS', '/api/notes/notes', { headers: { origin, 'access-control-request-method': 'POST' } });
    assert.equal((await preflight('https://ops.example.com')).headers['access-control-allow-origin'], 'https://ops.example.com');
    assert.equal((await preflight('https://evil.example.net')).headers['access-control-allow-origin'], undefined);
    await host.dispose();

    const closed = await startTestHost();
    const res = await closed.request('GET', '/api/notes/about', { headers: { origin: 'https://ops.example.com' } });
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    await closed.dispose();
  });

  it('limits each source to its rate, counting refused requests too, and says when to retry', async () => {
    const host = await startTestHost({ server: { rateLimit: { perMinute: 60, burst: 3 } } as never });
    const statuses = [];
    for (const as of [undefined, 'nobody', 'alice']) statuses.push((await host.request('GET', '/api/notes/notes', { as })).status);
    assert.deepEqual(statuses, [401, 403, 200]);
    const limited = await host.request('GET', '/api/notes/notes', { as: 'alice' });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.equal(limited.headers['retry-after'], '1');
    assert.equal((await host.request('GET', '/healthz')).status, 200, 'health checks are not limited');
    await host.dispose();
  });

  it('does not start on an invalid setting, and says which and why', async () => {
    const result = await run('node', [join(projectRoot, 'host/dist/cli.js'), 'start'], {
      env: { PATH: process.env.PATH ?? '', SWITCHBOARD__server__httpsPort: '"https"', SWITCHBOARD__dataDir: join(tmpdir(), 'sb-never') },
    }).then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /server\.httpsPort: must be integer \(set by SWITCHBOARD__server__httpsPort\)/);
  });
});
