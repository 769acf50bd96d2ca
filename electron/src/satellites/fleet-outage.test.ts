import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SatelliteDraft, SatelliteView } from '@taskomatic/shared/ipc';
import { PushRecorder } from '../test-support/push-recorder.js';
import { RecordingProxy } from '../test-support/recording-proxy.js';
import { ADMIN_PASSWORD, AdminClient, TestServer } from '../test-support/taskomatic-server.js';
import { Fleet } from './fleet.js';
import type { ConnectionTimings } from './satellite-connection.js';
import { SatelliteStore } from './satellite-store.js';
import { memoryOnlySecrets } from './secret-store.js';

// Ports 29640-29649 of this helper's range.
const SERVER_PORT = 29640;
const PROXY_PORT = 29641;
const OTHER_PROXY_PORT = 29642;
const NOT_TASKOMATIC_PORT = 29643;
const CLOSED_PORT = 29649;
const TIMINGS: ConnectionTimings = { callTimeoutMs: 5_000, healthIntervalMs: 100, slowMs: 5_000, changesWaitSeconds: 1, maxRetryMs: 100 };

describe('a fleet through outages of a real server', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'h-main-outage-'));
  const server = new TestServer({ folder: path.join(folder, 'server'), port: SERVER_PORT });
  const pushes = new PushRecorder();
  let fleet: Fleet;
  /** What the fleet wrote to its log. */
  const logged: string[] = [];
  let proxy: RecordingProxy;
  let otherProxy: RecordingProxy;
  let notTaskomatic: http.Server;

  const draft = (name: string, url: string): SatelliteDraft => ({ name, url, username: 'admin', password: ADMIN_PASSWORD, colour: '#10b981', glyph: '▲' });
  const state = (id: string, status: string, more: (view: SatelliteView) => boolean = () => true) =>
    pushes.state(id, (view) => view.status === status && more(view), () => fleet.list());

  beforeAll(async () => {
    await server.start();
    proxy = await RecordingProxy.start(PROXY_PORT, SERVER_PORT);
    otherProxy = await RecordingProxy.start(OTHER_PROXY_PORT, SERVER_PORT);
    notTaskomatic = http.createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>a router</html>'));
    await new Promise<void>((resolve) => notTaskomatic.listen(NOT_TASKOMATIC_PORT, '127.0.0.1', resolve));
    fleet = new Fleet(new SatelliteStore(path.join(folder, 'app')), memoryOnlySecrets('test'), pushes.sink, TIMINGS, (message) => logged.push(message));
    fleet.start();
  });
  afterAll(async () => {
    await fleet?.stop();
    await proxy?.close();
    await otherProxy?.close();
    notTaskomatic?.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('goes offline with the reason when the server stops, and comes back with its changes feed', async () => {
    const { id } = await fleet.add(draft('sat-1', proxy.url));
    await state(id, 'connected');
    // The feed has placed its cursor (its second poll carries it), so it can tell a restart afterwards.
    await proxy.until(() => proxy.count('<name>cursor</name>') > 0);

    const offline = state(id, 'offline');
    await server.stop();
    expect((await offline).statusReason).toMatch(/127\.0\.0\.1:29641/);
    expect(fleet.list()[0]).toMatchObject({ status: 'offline', identity: { username: 'admin' } });

    // Back: the feed's cursor is from the old process, so the renderer is told to reload everything, then the
    // feed follows the new process.
    const connected = state(id, 'connected');
    const reset = pushes.next('satellite:changes', (push) => push.satelliteId === id && push.reset);
    await server.start();
    await connected;
    await reset;
    // The main process's log says when a satellite was lost and when it came back, once each.
    expect(logged.filter((line) => line.startsWith('sat-1 is offline: '))).toHaveLength(1);
    expect(logged).toContain('sat-1 is connected again');
    const change = pushes.next('satellite:changes', (push) => push.satelliteId === id && !push.reset && push.changes.some((item) => item.kind === 'settings'));
    const admin = await new AdminClient(server.url).login();
    await admin.call('settings.update', { retentionDays: 45 });
    const pushed = await change;
    expect(pushed.changes.find((item) => item.kind === 'settings')).toMatchObject({ action: expect.any(String), at: expect.any(Date) });
    // A new default zone reaches the satellite's view ("satellite time") through the same feed.
    const rezoned = state(id, 'connected', (view) => view.timeZone === 'Europe/Prague');
    await admin.call('settings.update', { defaultTimeZone: 'Europe/Prague' });
    expect((await rezoned).timeZone).toBe('Europe/Prague');
    // The answers of the API carry dates as dates.
    const me = (await fleet.call(id, 'users.list', [])) as Array<{ createdAt: unknown }>;
    expect(me[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('stops every loop of a removed satellite, and pushes nothing of it afterwards', async () => {
    const { id } = await fleet.add(draft('sat-2', otherProxy.url));
    await state(id, 'connected');
    // A third satellite on the same timings is the clock: while it turns over, a live sat-2 would too.
    const { id: clockId } = await fleet.add(draft('sat-3', proxy.url));
    await state(clockId, 'connected');

    await fleet.remove(id);
    const sent = otherProxy.text().length;
    const removedAt = pushes.pushes.findIndex((push) => push.channel === 'satellite:removed' && push.payload.id === id);
    expect(removedAt).toBeGreaterThanOrEqual(0);
    const checks = proxy.count('GET /health');
    await proxy.until(() => proxy.count('GET /health') >= checks + 10);
    expect(otherProxy.text().length).toBe(sent);
    expect(otherProxy.text()).toContain('<methodName>auth.logout</methodName>');
    const late = pushes.pushes.slice(removedAt + 1).filter((push) => ('id' in push.payload ? push.payload.id : push.payload.satelliteId) === id);
    expect(late).toEqual([]);
    expect(fleet.list().map((view) => view.id)).not.toContain(id);
    await expect(fleet.call(id, 'settings.get', [])).rejects.toMatchObject({ info: { kind: 'invalid', message: `No satellite with id ${id}` } });
    await fleet.remove(clockId);
  });

  it('shows a server that is not a Taskomatic server as offline, with why', async () => {
    const { id } = await fleet.add(draft('router', `http://127.0.0.1:${NOT_TASKOMATIC_PORT}`));
    const offline = await state(id, 'offline');
    expect(offline.statusReason).toBe(`http://127.0.0.1:${NOT_TASKOMATIC_PORT} does not answer like a Taskomatic server: /health is not JSON`);
    await fleet.remove(id);
  });

  it('tests a draft without saving it: who, version, latency; or what went wrong', async () => {
    const ok = await fleet.test(draft('sat-9', server.url));
    expect(ok).toMatchObject({ ok: true, identity: { username: 'admin', role: 'sat-admin' }, version: expect.any(String), latencyMs: expect.any(Number) });
    expect(await fleet.test({ ...draft('sat-9', server.url), password: 'not-the-password' })).toMatchObject({ ok: false, problem: 'login', message: 'Invalid username or password' });
    expect(await fleet.test({ ...draft('sat-9', server.url), password: undefined })).toMatchObject({ ok: false, problem: 'login', message: 'Type the password to test logging in' });
    expect(await fleet.test(draft('sat-9', `http://127.0.0.1:${CLOSED_PORT}`))).toEqual({
      ok: false,
      problem: 'unreachable',
      message: `127.0.0.1:${CLOSED_PORT} refused the connection (is the server running?)`,
    });
    expect(await fleet.test(draft("sat-9", `http://127.0.0.1:${NOT_TASKOMATIC_PORT}`))).toEqual({
      ok: false,
      problem: "protocol",
      message: `http://127.0.0.1:${NOT_TASKOMATIC_PORT} does not answer like a Taskomatic server: /health is not JSON`,
    });
    await expect(fleet.test({ ...draft('sat-9', server.url), url: 'ftp://x' })).rejects.toMatchObject({ info: { kind: 'invalid', message: 'url: ftp://x is not an http:// or https:// address' } });
    // Nothing was saved.
    expect(fleet.list().map((view) => view.name)).not.toContain('sat-9');
  });
});
