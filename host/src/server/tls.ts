import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { HostConfig } from '../config/types.js';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** Where it came from, for the start-up message. */
  source: 'configured' | 'generated' | 'generated earlier';
}

const exists = (file: string) => readFile(file).then(() => true, () => false);

/**
 * The configured certificate, or a self-signed one generated into dataDir/tls at first start and reused
 * after (never committed: dataDir is ignored by git). Its names cover loopback and the public host.
 */
export async function loadTls(config: HostConfig): Promise<TlsMaterial> {
  const { certFile, keyFile } = config.tls;
  if (certFile && keyFile) {
    return { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8'), source: 'configured' };
  }
  const dir = join(config.dataDir, 'tls');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  if ((await exists(cert)) && (await exists(key))) {
    return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8'), source: 'generated earlier' };
  }
  const publicName = config.server.publicHost?.split(':')[0];
  const names = [...new Set(['localhost', ...(publicName ? [publicName] : [])])];
  const pems = await generate([{ name: 'commonName', value: publicName ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }, { type: 7 as const, ip: '::1' }],
      },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(key, pems.private, { mode: 0o600 });
  await writeFile(cert, pems.cert);
  await chmod(key, 0o600);
  return { cert: pems.cert, key: pems.private, source: 'generated' };
}
