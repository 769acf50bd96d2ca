import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config/server-config.js';
import { type RunningServer, startServer } from '../src/main.js';
import { parseMethodResponse, serializeMethodCall } from '@taskomatic/shared/xmlrpc';
import { tempDataDir } from './support/harness.js';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const bin = join(import.meta.dirname, '..', 'bin', 'taskomatic-server.js');

/** POSTs or GETs over HTTPS, trusting only the test certificate. */
function https(port: number, ca: Buffer, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', ca, servername: 'localhost', headers: body ? { 'content-type': 'text/xml' } : {} },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!hasOpenssl)('HTTPS', () => {
  const folder = tempDataDir();
  let server: RunningServer;
  let ca: Buffer;

  beforeAll(async () => {
    const cert = join(folder.path, 'server.crt');
    const key = join(folder.path, 'server.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    ca = readFileSync(cert);
    server = await startServer({
      dataDir: join(folder.path, 'data'),
      config: { ...DEFAULT_CONFIG, tls: { cert, key } },
      listen: { host: '127.0.0.1', port: 0 },
      adminPassword: 'admin-password-12',
    });
  });
  afterAll(async () => {
    await server?.stop(0);
    folder.remove();
  });

  it('serves the API and /health over TLS with the configured certificate', async () => {
    const port = server.address?.port ?? 0;
    const health = await https(port, ca, '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: { ok: true, dialect: 'sqlite' } });
    const login = await https(port, ca, '/rpc/api', serializeMethodCall('auth.login', ['admin', 'admin-password-12']));
    const answer = parseMethodResponse(login.body);
    expect(answer.kind).toBe('result');
  });

  it('refuses plain HTTP on a non-loopback address unless --insecure-http is given', () => {
    const refused = spawnSync(process.execPath, [bin, 'start', '--data', join(folder.path, 'other'), '--listen', '0.0.0.0:0'], { encoding: 'utf8', timeout: 20_000 });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0 without TLS/);
  });
});
