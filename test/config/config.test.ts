import assert from 'node:assert/strict';
import { ConfigError, loadConfig, projectRoot } from '@switchboard/host';

describe('configuration', () => {
  it('starts from the defaults with paths made absolute from the repository root', () => {
    const config = loadConfig({}, {});
    assert.equal(config.server.httpsPort, 8443);
    assert.equal(config.dataDir, `${projectRoot}data`);
    assert.deepEqual(config.plugins.dirs, [`${projectRoot}plugins`]);
    assert.equal(config.database.url, null);
  });

  it('takes overrides from environment variables, JSON values included', () => {
    const config = loadConfig({}, {
      SWITCHBOARD__server__httpsPort: '9443',
      SWITCHBOARD__cors__origins: '["https://ops.example.com"]',
      SWITCHBOARD__log__level: 'warn',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      NATS_URL: '127.0.0.1:4222',
    });
    assert.equal(config.server.httpsPort, 9443);
    assert.deepEqual(config.cors.origins, ['https://ops.example.com']);
    assert.equal(config.log.level, 'warn');
    assert.equal(config.database.url, 'postgres://postgres@127.0.0.1:5432/test');
    assert.deepEqual(config.events.nats, { servers: '127.0.0.1:4222', stream: 'SWITCHBOARD', subjectPrefix: 'sb' });
  });

  it('stops on an invalid setting, naming it, what is allowed, and where it came from', () => {
    assert.throws(() => loadConfig({}, { SWITCHBOARD__server__httpsPort: '70000', SWITCHBOARD__log__level: 'chatty' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.ok(error.problems.includes('server.httpsPort: must be <= 65535 (set by SWITCHBOARD__server__httpsPort)'), error.message);
      assert.ok(error.problems.some((p) => p.startsWith('log.level: must be one of: "fatal", "error"') && p.endsWith('(set by SWITCHBOARD__log__level)')), error.message);
      return true;
    });
  });

  it('refuses unknown settings rather than ignoring a typo', () => {
    assert.throws(() => loadConfig({ server: { httpsPrt: 1 } as never }, {}), /server\.httpsPrt: is not an allowed field/);
  });

  it('wants the certificate and its key together', () => {
    assert.throws(() => loadConfig({ tls: { certFile: '/etc/ssl/portal.pem', keyFile: null } }, {}), /tls\.keyFile: is required when tls\.certFile is set/);
  });
});
