import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IpcError, type SatelliteDraft } from '@taskomatic/shared/ipc';
import { PushRecorder } from '../test-support/push-recorder.js';
import { RecordingProxy } from '../test-support/recording-proxy.js';
import { AdminClient, TestServer } from '../test-support/taskomatic-server.js';
import { Fleet } from './fleet.js';
import type { ConnectionTimings } from './satellite-connection.js';
import { SatelliteStore } from './satellite-store.js';
import { memoryOnlySecrets, type SecretStore } from './secret-store.js';

// Ports 29610-29611 of this helper's range; fast timings so loops turn over in milliseconds.
const SERVER_PORT = 29610;
const PROXY_PORT = 29611;
const TIMINGS: ConnectionTimings = { callTimeoutMs: 5_000, healthIntervalMs: 100, slowMs: 5_000, changesWaitSeconds: 1, maxRetryMs: 100 };
const APP_PASSWORD = 'app-password-1234';

/** A keyring of the test's own: AES-GCM under a key held in memory (a real sealing, not a stand-in). */
function aesKeyring(): SecretStore {
  const key = randomBytes(32);
  return {
    info: { available: true },
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Every file of a folder, concatenated. */
function folderText(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('a fleet logged in to a real server', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'h-main-sessions-'));
  const server = new TestServer({ folder: path.join(folder, 'server'), port: SERVER_PORT });
  let proxy: RecordingProxy;
  let admin: AdminClient;
  let appUserId: number;
  const fleets: Fleet[] = [];

  /** A fleet on its own app data folder; stopped after each test. */
  function newFleet(secrets: SecretStore = memoryOnlySecrets('test'), dataFolder = mkdtempSync(path.join(folder, 'app-'))) {
    const pushes = new PushRecorder();
    const store = new SatelliteStore(dataFolder);
    const fleet = new Fleet(store, secrets, pushes.sink, TIMINGS);
    fleets.push(fleet);
    fleet.start();
    return { fleet, pushes, dataFolder, connected: (id: string) => pushes.state(id, (view) => view.status === 'connected', () => fleet.list()) };
  }

  const draft = (more: Partial<SatelliteDraft> = {}): SatelliteDraft => ({
    name: 'sat-1',
    url: proxy.url,
    username: 'app',
    password: APP_PASSWORD,
    colour: '#3b82f6',
    glyph: '●',
    ...more,
  });

  beforeAll(async () => {
    await server.start();
    proxy = await RecordingProxy.start(PROXY_PORT, SERVER_PORT);
    admin = await new AdminClient(server.url).login();
    appUserId = ((await admin.call('users.create', { username: 'app', password: APP_PASSWORD, role: 'sat-admin' })) as { id: number }).id;
  });
  afterEach(async () => {
    await Promise.all(fleets.splice(0).map((fleet) => fleet.stop()));
    // Each test starts from the app user's known password.
    await admin.call('users.update', { id: appUserId, password: APP_PASSWORD });
  });
  afterAll(async () => {
    await proxy?.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('adds a satellite, logs in, reads who it is, calls the API, and never writes the password', async () => {
    const { fleet, connected, dataFolder } = newFleet();
    const added = await fleet.add(draft());
    expect(added).toMatchObject({ name: 'sat-1', status: 'connecting', passwordSaved: false });
    const view = await connected(added.id);
    expect(view.identity).toEqual({ username: 'app', role: 'sat-admin' });

    const settings = (await fleet.call(added.id, 'settings.get', [])) as { defaultTimeZone: string };
    expect(settings.defaultTimeZone).toEqual(expect.any(String));
    const refreshed = await fleet.refresh(added.id);
    expect(refreshed).toMatchObject({ status: 'connected', timeZone: settings.defaultTimeZone, health: { status: 'ok', databaseOk: true, schedulerRunning: true } });
    expect(refreshed.lastSeen).toBeInstanceOf(Date);
    expect(refreshed.health?.clock).toBeInstanceOf(Date);
    expect(Math.abs(refreshed.health?.clockSkewMs ?? Infinity)).toBeLessThan(2_000);

    // No keyring: the password lives in memory only; no file of the app's data folder holds it.
    expect(folderText(dataFolder)).not.toContain(APP_PASSWORD);
    expect(JSON.parse(readFileSync(path.join(dataFolder, 'satellites.json'), 'utf8')).satellites[0]).not.toHaveProperty('sealedPassword');
    await fleet.login(added.id, APP_PASSWORD);
    expect(folderText(dataFolder)).not.toContain(APP_PASSWORD);
  });

  it('renews an expired session transparently, with one login for concurrent calls', async () => {
    const { fleet, connected } = newFleet();
    const { id } = await fleet.add(draft());
    await connected(id);
    const loginsBefore = proxy.calls('auth.login');

    // Setting a user's password (even to the same one) ends every session of that user on the server.
    await admin.call('users.update', { id: appUserId, password: APP_PASSWORD });
    const answers = await Promise.all(Array.from({ length: 5 }, () => fleet.call(id, 'settings.get', [])));
    expect(answers).toHaveLength(5);
    // The changes feed also met the dead session; let it turn over twice with the new one.
    const polls = proxy.calls('changes.since');
    await proxy.until(() => proxy.calls('changes.since') >= polls + 2);
    expect(proxy.calls('auth.login')).toBe(loginsBefore + 1);
    expect(fleet.list()[0]?.status).toBe('connected');
  });

  it('shows a refused saved password as expired with the reason, and does not try it again until a new one is typed', async () => {
    const { fleet, pushes, connected } = newFleet();
    const { id } = await fleet.add(draft());
    await connected(id);

    const expired = pushes.next('satellite:state', (view) => view.id === id && view.status === 'expired');
    await admin.call('users.update', { id: appUserId, password: 'changed-elsewhere-1234' });
    expect((await expired).statusReason).toMatch(/^app could not log in to sat-1: /);

    // Health checks go on (the satellite answers) but the refused password is not sent again: no audit spam,
    // no lock-out by the login throttle.
    const logins = proxy.calls('auth.login');
    const checks = proxy.count('GET /health');
    await proxy.until(() => proxy.count('GET /health') >= checks + 5);
    const call = fleet.call(id, 'settings.get', []);
    await expect(call).rejects.toBeInstanceOf(IpcError);
    await expect(call).rejects.toMatchObject({ info: { kind: 'expired' } });
    expect(proxy.calls('auth.login')).toBe(logins);
    expect(fleet.list()[0]).toMatchObject({ status: 'expired' });

    // A wrong typed password is tried once and refused; the right one brings the satellite back.
    await expect(fleet.login(id, 'still-wrong-1234')).rejects.toMatchObject({ info: { kind: 'expired' } });
    expect(proxy.calls('auth.login')).toBe(logins + 1);
    expect(await fleet.login(id, 'changed-elsewhere-1234')).toMatchObject({ status: 'connected', identity: { username: 'app' } });

    // The changes feed follows again.
    const change = pushes.next('satellite:changes', ({ satelliteId, changes }) => satelliteId === id && changes.some((item) => item.kind === 'settings'));
    await admin.call('settings.update', { retentionDays: 40 });
    await change;
  });

  it('asks for a password after a restart when none could be kept, and keeps a typed one sealed when a keyring can', async () => {
    const first = newFleet();
    const { id } = await first.fleet.add(draft());
    await first.connected(id);
    await first.fleet.stop();

    // The app starts again on the same data folder: no keyring, so no password.
    const second = newFleet(memoryOnlySecrets('test'), first.dataFolder);
    const expired = await second.pushes.state(id, (view) => view.status === 'expired', () => second.fleet.list());
    expect(expired.statusReason).toBe('No password saved for sat-1: log in again');
    expect(await second.fleet.login(id, APP_PASSWORD)).toMatchObject({ status: 'connected', passwordSaved: false });
    await second.fleet.stop();

    // With a keyring, the typed password is sealed in the file, and the view says so at once.
    const keyring = aesKeyring();
    const third = newFleet(keyring, first.dataFolder);
    await third.pushes.state(id, (view) => view.status === 'expired', () => third.fleet.list());
    expect(await third.fleet.login(id, APP_PASSWORD)).toMatchObject({ status: 'connected', passwordSaved: true });
    expect(third.fleet.list()[0]).toMatchObject({ passwordSaved: true });
    const saved = readFileSync(path.join(first.dataFolder, 'satellites.json'), 'utf8');
    expect(saved).not.toContain(APP_PASSWORD);
    const sealed = (JSON.parse(saved) as { satellites: Array<{ sealedPassword: string }> }).satellites[0]?.sealedPassword ?? '';
    expect(keyring.open(sealed)).toBe(APP_PASSWORD);
  });

  it('does not send the password of one user name under another after an edit', async () => {
    const { fleet, pushes, connected } = newFleet();
    const { id } = await fleet.add(draft());
    await connected(id);
    await admin.call('users.create', { username: 'other', password: 'other-password-1234', role: 'sat-admin' });

    const logins = proxy.calls('auth.login');
    const edited = await fleet.update(id, { ...draft(), username: 'other', password: undefined });
    expect(edited.username).toBe('other');
    const expired = await pushes.state(id, (view) => view.status === 'expired', () => fleet.list());
    expect(expired.statusReason).toBe('No password saved for sat-1: log in again');
    expect(proxy.calls('auth.login')).toBe(logins);

    // Same user name, no new password: the password is kept.
    await fleet.update(id, { ...draft(), username: 'other', password: 'other-password-1234' });
    await connected(id);
    await fleet.update(id, { ...draft(), name: 'sat-one', username: 'other', password: undefined });
    expect(await connected(id)).toMatchObject({ name: 'sat-one', identity: { username: 'other' } });
  });

  it('never sends a saved password to a new address: editing the address asks for the password again', async () => {
    const { fleet, pushes, connected } = newFleet();
    const { id } = await fleet.add(draft());
    await connected(id);
    const elsewhere = { ...draft(), url: server.url, password: undefined };

    const tested = await fleet.test(elsewhere, id);
    expect(tested).toMatchObject({ ok: false, problem: 'login', message: 'Type the password to test logging in' });
    await fleet.update(id, elsewhere);
    const expired = await pushes.state(id, (view) => view.status === 'expired', () => fleet.list());
    expect(expired).toMatchObject({ url: server.url, passwordSaved: false, statusReason: 'No password saved for sat-1: log in again' });
  });

  it('refuses parameters XML-RPC cannot carry as invalid, before anything is sent', async () => {
    const { fleet, connected } = newFleet();
    const { id } = await fleet.add(draft());
    await connected(id);
    const sent = proxy.count('schedules.list');
    await expect(fleet.call(id, 'schedules.list', [null as never])).rejects.toMatchObject({ info: { kind: 'invalid', message: expect.stringMatching(/null/) } });
    await expect(fleet.call(id, 'schedules.list', [{ limit: Number.NaN }])).rejects.toMatchObject({ info: { kind: 'invalid' } });
    expect(proxy.count('schedules.list')).toBe(sent);
    // An API fault crosses as a fault, with its name.
    await expect(fleet.call(id, 'schedules.get', [{ id: 987654 }])).rejects.toMatchObject({ info: { kind: 'fault', fault: 'NOT_FOUND' } });
  });
});
