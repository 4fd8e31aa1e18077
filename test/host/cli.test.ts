import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '@switchboard/host';

const run = promisify(execFile);
const launcher = join(projectRoot, 'host/bin/switchboard.js');

/** Runs the `switchboard` command as a user would, with a clean environment. */
async function switchboard(args: string[], env: Record<string, string>) {
  return run(launcher, args, { env: { PATH: process.env.PATH ?? '', ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('the switchboard command', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sb-cli-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('lists the plugins it finds, and the ones it cannot load with why, exiting 1', async () => {
    const result = await switchboard(['plugins'], { SWITCHBOARD__plugins__dirs: '["test/fixtures/plugins","test/fixtures/plugin-sets/old-sdk"]' });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^notes@1\.2\.0 {2}Notes$/m);
    assert.match(result.stdout, /entitlements notes\.read, notes\.write/);
    assert.match(result.stdout, /legacy[\s\S]*built for SDK \^0\.4\.0, but this host provides SDK 1\.0\.0/);
  });

  it('applies pending migrations once', async () => {
    const env = { SWITCHBOARD__dataDir: dataDir, SWITCHBOARD__plugins__dirs: '["test/fixtures/plugins"]' };
    assert.equal((await switchboard(['migrate'], env)).stdout, 'notes: applied 001-notes\n');
    assert.equal((await switchboard(['migrate'], env)).stdout, 'notes: up to date\n');
  });

  it('explains its usage on an unknown command, exiting 2', async () => {
    const result = await switchboard(['frobnicate'], {});
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command "frobnicate"[\s\S]*audit verify/);
  });
});
