import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SatelliteDraft } from '@taskomatic/shared/ipc';
import { PushRecorder } from '../test-support/push-recorder.js';
import { ADMIN_PASSWORD, TestServer } from '../test-support/taskomatic-server.js';
import { HAS_OPENSSL, RecordingTlsServer, selfSignedCertificate, type TestCertificate } from '../test-support/tls-fixtures.js';
import { readFingerprint } from './certificate.js';
import { Fleet } from './fleet.js';
import type { ConnectionTimings } from './satellite-connection.js';
import { SatelliteStore } from './satellite-store.js';
import { memoryOnlySecrets } from './secret-store.js';
import { XmlRpcClient } from './xmlrpc-client.js';

// Ports 29620-29622 of this helper's range.
const SERVER_PORT = 29620;
const IMPOSTOR_PORT = 29621;
const TIMINGS: ConnectionTimings = { callTimeoutMs: 5_000, healthIntervalMs: 100, slowMs: 5_000, changesWaitSeconds: 1, maxRetryMs: 100 };

describe.skipIf(!HAS_OPENSSL)('HTTPS satellites: the pinned certificate decides', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'h-main-https-'));
  const pushes = new PushRecorder();
  let server: TestServer;
  let real: TestCertificate;
  let other: TestCertificate;
  let impostor: RecordingTlsServer;
  let fleet: Fleet;

  const draft = (more: Partial<SatelliteDraft> = {}): SatelliteDraft => ({
    name: 'secure',
    url: `https://127.0.0.1:${SERVER_PORT}`,
    username: 'admin',
    password: ADMIN_PASSWORD,
    colour: '#f59e0b',
    glyph: '■',
    ...more,
  });

  beforeAll(async () => {
    real = selfSignedCertificate(folder, 'real');
    other = selfSignedCertificate(folder, 'other');
    server = new TestServer({ folder: path.join(folder, 'server'), port: SERVER_PORT, tls: real });
    await server.start();
    impostor = await RecordingTlsServer.start(other, IMPOSTOR_PORT);
    fleet = new Fleet(new SatelliteStore(path.join(folder, 'app')), memoryOnlySecrets('test'), pushes.sink, TIMINGS);
    fleet.start();
  });
  afterAll(async () => {
    await fleet?.stop();
    await impostor?.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the fingerprint of a certificate without sending anything', async () => {
    expect(await readFingerprint(new URL(impostor.url))).toBe(other.fingerprint);
    expect(impostor.connections).toBe(1);
    expect(impostor.received()).toBe('');
  });

  it('tests an untrusted server as untrusted with its fingerprint, then logs in once it is trusted', async () => {
    expect(await fleet.test(draft())).toEqual({
      ok: false,
      problem: 'untrusted',
      fingerprint: real.fingerprint,
      message: `Check that this is the certificate of 127.0.0.1:${SERVER_PORT} before trusting it`,
    });
    expect(await fleet.test(draft({ trustedFingerprint: real.fingerprint.toLowerCase() }))).toMatchObject({
      ok: true,
      fingerprint: real.fingerprint,
      identity: { username: 'admin', role: 'sat-admin' },
    });
  });

  it('calls a trusted server; a satellite saved without a fingerprint sends nothing and says untrusted', async () => {
    const trusted = await fleet.add(draft({ trustedFingerprint: real.fingerprint }));
    expect(await pushes.state(trusted.id, (view) => view.status === 'connected', () => fleet.list())).toMatchObject({ trustedFingerprint: real.fingerprint });
    expect(await fleet.call(trusted.id, 'settings.get', [])).toHaveProperty('defaultTimeZone');

    const untrusted = await fleet.add(draft({ name: 'not trusted yet', url: impostor.url }));
    const view = await pushes.state(untrusted.id, (item) => item.status === 'untrusted', () => fleet.list());
    expect(view.statusReason).toBe('The certificate of this satellite has not been trusted yet');
    await expect(fleet.call(untrusted.id, 'settings.get', [])).rejects.toMatchObject({ info: { kind: 'untrusted' } });
    expect(impostor.received()).toBe('');
    await fleet.remove(untrusted.id);
    await fleet.remove(trusted.id);
  });

  it('checks the pin on every new connection, and new connections keep working', async () => {
    const client = new XmlRpcClient({ url: server.url, trustedFingerprint: real.fingerprint });
    try {
      await client.getJson('/health', 5_000);
      // Concurrent requests open new sockets beside the kept-alive one: each gets a full handshake.
      const answers = await Promise.all(Array.from({ length: 6 }, () => client.getJson('/health', 5_000)));
      expect(answers.map((answer) => (answer.value as { status: string }).status)).toEqual(Array(6).fill('ok'));
    } finally {
      client.close();
    }
  });

  it('never sends the password to a server with another certificate', async () => {
    const connections = impostor.connections;
    // "Test connection" against the impostor with the real fingerprint trusted: refused, nothing sent.
    expect(await fleet.test(draft({ name: 'impostor', url: impostor.url, trustedFingerprint: real.fingerprint }))).toMatchObject({
      ok: false,
      problem: 'untrusted',
      fingerprint: other.fingerprint,
    });
    // The client itself, pinned to the real certificate, reaching the impostor.
    const pinned = new XmlRpcClient({ url: impostor.url, trustedFingerprint: real.fingerprint });
    await expect(pinned.call('auth.login', ['admin', ADMIN_PASSWORD], 5_000)).rejects.toMatchObject({
      info: { kind: 'untrusted', message: `The certificate of 127.0.0.1:${IMPOSTOR_PORT} changed: it is ${other.fingerprint}, not the trusted ${real.fingerprint}` },
    });
    await expect(pinned.getJson('/health', 5_000)).rejects.toMatchObject({ info: { kind: 'untrusted' } });
    pinned.close();
    expect(impostor.connections).toBeGreaterThan(connections);
    expect(impostor.received()).toBe('');

    // The recorder does see what a client sends once its certificate is the trusted one.
    const fooled = new XmlRpcClient({ url: impostor.url, trustedFingerprint: other.fingerprint });
    await expect(fooled.call('auth.login', ['admin', ADMIN_PASSWORD], 300)).rejects.toMatchObject({ info: { kind: 'offline' } });
    fooled.close();
    expect(impostor.received()).toContain(ADMIN_PASSWORD);
  });

  it('turns a saved satellite untrusted when its server comes back with another certificate, sending it nothing', async () => {
    const { id } = await fleet.add(draft({ name: 'swapped', trustedFingerprint: real.fingerprint }));
    await pushes.state(id, (view) => view.status === 'connected', () => fleet.list());
    await server.stop();
    await pushes.state(id, (view) => view.status === 'offline', () => fleet.list());

    // Another server answers at the same address, with another certificate.
    const swapped = await RecordingTlsServer.start(other, SERVER_PORT);
    try {
      const view = await pushes.state(id, (item) => item.status === 'untrusted', () => fleet.list());
      expect(view.statusReason).toBe(`The certificate of 127.0.0.1:${SERVER_PORT} changed: it is ${other.fingerprint}, not the trusted ${real.fingerprint}`);
      await expect(fleet.call(id, 'settings.get', [])).rejects.toMatchObject({ info: { kind: 'untrusted' } });
      expect(swapped.connections).toBeGreaterThan(0);
      expect(swapped.received()).toBe('');
    } finally {
      await swapped.close();
    }
    await fleet.remove(id);
  });
});
