import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Kamailio and sipp as child processes of the test: each in its own process group (so stopping it
// stops its workers too), on loopback, stopped by the test that started it.

/** This folder's sources (the cfg template and the sipp scenarios), from the compiled test in dist/test/kamailio. */
export const SOURCES = fileURLToPath(new URL('../../../test/kamailio/', import.meta.url));

/** The tools this test drives that are not installed (Debian: kamailio, sip-tester). */
export function missingSipTools(): string[] {
  return ['kamailio', 'sipp'].filter((tool) => (spawnSync(tool, ['-v'], { stdio: 'ignore' }).error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT');
}

/** A UDP port on loopback nobody listens on now. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** Whether something is bound to the UDP port (binding it ourselves fails). */
async function udpPortTaken(port: number): Promise<boolean> {
  const socket = createSocket('udp4');
  const taken = await new Promise<boolean>((resolve) => {
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    socket.bind(port, '127.0.0.1', () => resolve(false));
  });
  await new Promise<void>((resolve) => {
    try {
      socket.close(resolve);
    } catch {
      resolve();
    }
  });
  return taken;
}

/** Fills `{{NAME}}` in a template; a name left unfilled is a mistake in the test, not a value. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    if (!(name in values)) throw new Error(`no value for ${whole}`);
    return String(values[name]);
  });
  return filled;
}

/** A process the test started, with the end of what it printed (for failure messages). */
export interface Started {
  child: ChildProcess;
  /** Its exit code once it has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  output(): string;
  stop(): Promise<void>;
}

function start(command: string, args: string[], cwd: string): Started {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-64_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // The whole group: Kamailio's main process and the workers it forked.
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, name);
        } catch {
          // Already gone.
        }
      };
      signal('SIGTERM');
      const killLater = setTimeout(() => signal('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killLater);
    },
  };
}

/** Waits until `ready` holds, or fails naming `what` with the process's output when it exits or never gets there. */
async function waitFor(what: string, started: Started, ready: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited (${started.child.exitCode}):\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends an OPTIONS to the proxy and says whether anything answered within 300 ms. */
async function answersSip(port: number): Promise<boolean> {
  const socket = createSocket('udp4');
  const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
  const message = [
    `OPTIONS sip:ping@127.0.0.1:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1;branch=${branch};rport`,
    'From: <sip:probe@127.0.0.1>;tag=probe',
    `To: <sip:ping@127.0.0.1:${port}>`,
    `Call-ID: probe-${branch}@switchboard.test`,
    'CSeq: 1 OPTIONS',
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return new Promise<boolean>((resolve) => {
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.send(message, port, '127.0.0.1');
  });
}

/** Kamailio in the foreground (-DD, logging to stderr: -E) with this cfg, ready once it answers SIP on its port. */
export async function startKamailio(options: { cfgFile: string; workDir: string; sipPort: number }): Promise<Started> {
  const kamailio = start('kamailio', ['-DD', '-E', '-f', options.cfgFile, '-Y', options.workDir, '-w', options.workDir, '-m', '64', '-M', '8'], options.workDir);
  await waitFor('kamailio', kamailio, () => answersSip(options.sipPort));
  return kamailio;
}

/** A destination: sipp answering every call on a loopback port with destination.xml, logging each INVITE to `logFile`. */
export async function startDestination(options: { port: number; logFile: string; workDir: string }): Promise<Started> {
  const sipp = start('sipp', ['-sf', join(SOURCES, 'destination.xml'), '-i', '127.0.0.1', '-p', String(options.port), '-nostdin', '-trace_logs', '-log_file', options.logFile], options.workDir);
  await waitFor(`sipp destination on ${options.port}`, sipp, () => udpPortTaken(options.port));
  return sipp;
}

/** One INVITE that reached a destination, as destination.xml logs it. */
export interface ArrivedCall {
  callId: string;
  requestUri: string;
  routingPlan: string;
}

/** The INVITEs a destination has logged so far. */
export async function arrivedCalls(logFile: string): Promise<ArrivedCall[]> {
  const text = await readFile(logFile, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
  return text
    .split('\n')
    .filter((line) => line.startsWith('INVITE '))
    .map((line) => {
      // The header's value as sipp captured it, after the colon: the space before it too.
      const [, callId = '', requestUri = '', ...plan] = line.trim().split(' ');
      return { callId, requestUri, routingPlan: plan.join(' ').trim() };
    });
}

/** A call to place: who calls which number. */
export interface CallToPlace {
  callingNumber: string;
  dialedNumber: string;
}

/**
 * Places calls through the proxy with sipp, one scenario for all, each call's Call-ID
 * `<prefix>-<n>@switchboard.test` (n from 1), and waits for sipp to finish. Answers sipp's exit
 * code (0: every call went as the scenario says) and its screens.
 */
export async function placeCalls(options: {
  proxyPort: number;
  localPort: number;
  scenarioFile: string;
  calls: readonly CallToPlace[];
  callIdPrefix: string;
  workDir: string;
  ratePerSecond?: number;
}): Promise<{ code: number | null; output: string }> {
  const injection = join(options.workDir, `${options.callIdPrefix}.csv`);
  await writeFile(injection, ['SEQUENTIAL', ...options.calls.map((call) => `${call.callingNumber};${call.dialedNumber}`), ''].join('\n'));
  const sipp = start(
    'sipp',
    [
      `127.0.0.1:${options.proxyPort}`,
      '-sf', options.scenarioFile,
      '-inf', injection,
      '-m', String(options.calls.length),
      '-r', String(options.ratePerSecond ?? 50),
      '-l', '20',
      '-i', '127.0.0.1',
      '-p', String(options.localPort),
      '-cid_str', `${options.callIdPrefix}-%u@switchboard.test`,
      '-nostdin',
      // A call that gets no answer fails after 10 s; the run as a whole gives up after 120 s.
      '-recv_timeout', '10000',
      '-timeout', '120s',
      '-timeout_error',
    ],
    options.workDir,
  );
  return { code: await sipp.exited, output: sipp.output() };
}

/** The Call-ID sipp gives call `n` (from 1) of a run with this prefix. */
export const callIdOf = (prefix: string, n: number) => `${prefix}-${n}@switchboard.test`;
