import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire, encodeWire, type IpcOutcome, type PushSink, type SatelliteView } from '@taskomatic/shared/ipc';
import { createHandlers } from '../ipc/handlers.js';
import { Fleet } from '../satellites/fleet.js';
import { SatelliteStore } from '../satellites/satellite-store.js';
import { memoryOnlySecrets } from '../satellites/secret-store.js';
import { EventStream, probe } from '../test-support/http-probe.js';
import { ADMIN_PASSWORD, AdminClient, TestServer } from '../test-support/taskomatic-server.js';
import { startWebHost, type WebHost } from './web-host.js';

// Ports 29650-29651 of this helper's range.
const SERVER_PORT = 29650;
const HOST_PORT = 29651;

describe('the browser host in front of a fleet and a real server', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'h-main-web-fleet-'));
  const server = new TestServer({ folder: path.join(folder, 'server'), port: SERVER_PORT });
  const logged: unknown[] = [];
  let host: WebHost;
  let fleet: Fleet | undefined;
  let cookie: string;
  let events: EventStream;

  async function invoke(channel: string, ...args: unknown[]): Promise<IpcOutcome<unknown>> {
    const answer = await probe({
      port: HOST_PORT,
      method: 'POST',
      path: '/ipc/invoke',
      headers: { Cookie: cookie, Origin: `http://127.0.0.1:${HOST_PORT}`, 'Content-Type': 'application/json' },
      body: encodeWire({ channel, args }),
    });
    expect(answer.status).toBe(200);
    return decodeWire(answer.body) as IpcOutcome<unknown>;
  }

  /** The next pushed state of a satellite that matches. */
  async function pushedState(matches: (view: SatelliteView) => boolean): Promise<SatelliteView> {
    for (;;) {
      const view = decodeWire((await events.take('satellite:state')).data) as SatelliteView;
      if (matches(view)) return view;
    }
  }

  beforeAll(async () => {
    await server.start();
    const rendererDir = path.join(folder, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    // Composed as web-main composes it, on fast timings.
    const timings = { callTimeoutMs: 5_000, healthIntervalMs: 200, slowMs: 5_000, changesWaitSeconds: 1, maxRetryMs: 100 };
    const secrets = memoryOnlySecrets('test');
    host = await startWebHost({ port: HOST_PORT, rendererDir, log: (_message, error) => logged.push(error) }, (push: PushSink) => {
      fleet = new Fleet(new SatelliteStore(path.join(folder, 'app')), secrets, push, timings);
      return createHandlers({ fleet, appInfo: { host: 'browser', version: '0.0.0', keyring: secrets.info } });
    });
    fleet?.start();
    const redirect = await probe({ port: HOST_PORT, path: new URL(host.url).pathname + new URL(host.url).search });
    cookie = (redirect.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    events = await EventStream.open(HOST_PORT, '/ipc/events', { Cookie: cookie });
  });
  afterAll(async () => {
    events?.close();
    await fleet?.stop();
    await host?.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('adds a satellite, pushes its state, calls its API, pushes its changes and its removal', async () => {
    const added = await invoke('satellites:add', { name: 'sat-1', url: server.url, username: 'admin', password: ADMIN_PASSWORD, colour: '#3B82F6', glyph: '★' });
    expect(added).toMatchObject({ ok: true, value: { name: 'sat-1', colour: '#3b82f6', status: 'connecting', passwordSaved: false } });
    const id = (added as { value: SatelliteView }).value.id;
    const connected = await pushedState((view) => view.id === id && view.status === 'connected');
    expect(connected.identity).toEqual({ username: 'admin', role: 'sat-admin' });
    expect(connected.lastSeen).toBeInstanceOf(Date);
    expect(connected.health?.clock).toBeInstanceOf(Date);

    const listed = await invoke('satellites:list');
    expect(listed).toMatchObject({ ok: true, value: [{ id, status: 'connected' }] });
    expect((listed as { value: SatelliteView[] }).value[0]?.lastSeen).toBeInstanceOf(Date);

    const users = await invoke('api:call', id, 'users.list', []);
    expect(users).toMatchObject({ ok: true, value: [{ username: 'admin', role: 'sat-admin' }] });
    expect((users as { value: Array<{ createdAt: unknown }> }).value[0]?.createdAt).toBeInstanceOf(Date);
    expect(await invoke('api:call', id, 'schedules.get', [{ id: 424242 }])).toMatchObject({ ok: false, error: { kind: 'fault', fault: 'NOT_FOUND', faultCode: 20 } });

    const admin = await new AdminClient(server.url).login();
    await admin.call('settings.update', { retentionDays: 33 });
    for (;;) {
      const pushed = decodeWire((await events.take('satellite:changes')).data) as { satelliteId: string; changes: Array<{ kind: string; at: unknown }> };
      if (pushed.satelliteId !== id || !pushed.changes.some((change) => change.kind === 'settings')) continue;
      expect(pushed.changes.find((change) => change.kind === 'settings')?.at).toBeInstanceOf(Date);
      break;
    }

    expect(await invoke('satellites:remove', id)).toEqual({ ok: true, value: null });
    expect(decodeWire((await events.take('satellite:removed')).data)).toEqual({ id });
    expect(await invoke('satellites:list')).toEqual({ ok: true, value: [] });
    expect(logged).toEqual([]);
  });

  it('lets the renderer call only the API methods of the app, never the session ones', async () => {
    const added = (await invoke('satellites:add', { name: 'sat-2', url: server.url, username: 'admin', password: ADMIN_PASSWORD, colour: '#10b981', glyph: '●' })) as {
      value: SatelliteView;
    };
    const id = added.value.id;
    for (const method of ['auth.login', 'auth.logout', 'system.listMethods', 'system.multicall', 'taskomatic.listSatBunches', 'no.such', 42]) {
      expect(await invoke('api:call', id, method, []), String(method)).toMatchObject({ ok: false, error: { kind: 'invalid', message: `${String(method)} is not an API method the app may call` } });
    }
    expect(await invoke('api:call', id, 'settings.get', 'all')).toEqual({ ok: false, error: { kind: 'invalid', message: 'settings.get: parameters must be a list' } });
    expect(await invoke('api:call', id, 'settings.get', Array(9).fill({}))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await invoke('api:call', id, 'schedules.list', [null])).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await invoke('api:call', 'no-such-satellite', 'settings.get', [])).toEqual({ ok: false, error: { kind: 'invalid', message: 'No satellite with id no-such-satellite' } });
    expect(await invoke('satellites:login', id, '')).toEqual({ ok: false, error: { kind: 'invalid', message: 'password: type the password' } });
    expect(await invoke('satellites:remove', id)).toEqual({ ok: true, value: null });
    expect(logged).toEqual([]);
  });
});
