/**
 * The floor under the routing benchmark: a bare Node HTTPS server, no framework and no checks, that
 * reads each POST's JSON body and answers a fixed JSON about the size of a routing answer. Whatever
 * it cannot do on this machine, no portal on Node can: routing-http.ts drives it with the same load.
 *
 * Runs BENCH_PORTAL_PROCESSES processes sharing the port (Node's cluster module), like the portal;
 * sends { ready: { url, cert } } over IPC, answers 'cpu' with the CPU of all its processes.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

const ANSWER = JSON.stringify({
  action: { id: 'dallas', type: 'route', destination: { type: 'call-center', callCenter: 'dallas' } },
  destination: { type: 'call-center', callCenter: 'dallas' },
  plan: { id: 'plan-0001', version: 1 },
  path: [{ node: 'origin', branch: 'TX' }, { node: 'time', branch: 'business hours' }],
  reroute: null,
});

type CpuUsage = NodeJS.CpuUsage;

async function serve(tls: { cert: string; key: string }): Promise<number> {
  const server = createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(ANSWER) }).end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const processes = Number(process.env.BENCH_PORTAL_PROCESSES ?? 1);

if (cluster.isWorker) {
  const port = await serve(JSON.parse(process.env.FLOOR_TLS!) as { cert: string; key: string });
  process.send!({ port });
  process.on('message', (message) => message === 'cpu' && process.send!({ cpu: process.cpuUsage() }));
} else {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2 as const, value: 'localhost' }, { type: 7 as const, ip: '127.0.0.1' }] }],
  });
  const tls = { cert: pems.cert, key: pems.private };
  const workers = Array.from({ length: processes }, () => cluster.fork({ FLOOR_TLS: JSON.stringify(tls) }));
  const ports = await Promise.all(workers.map((worker) => new Promise<number>((resolve) => worker.once('message', (m: { port: number }) => resolve(m.port)))));
  process.send!({ ready: { url: `https://localhost:${ports[0]}`, cert: tls.cert } });
  const cpuOf = (worker: (typeof workers)[number]) =>
    new Promise<CpuUsage>((resolve) => {
      const listener = (message: { cpu?: CpuUsage }) => {
        if (!message.cpu) return;
        worker.off('message', listener);
        resolve(message.cpu);
      };
      worker.on('message', listener);
      worker.send('cpu');
    });
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    void Promise.all(workers.map(cpuOf)).then((used) => process.send!({ cpu: used.reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system }), process.cpuUsage()) }));
  });
  process.on('SIGTERM', () => {
    workers.forEach((worker) => worker.kill());
    process.exit(0);
  });
}
