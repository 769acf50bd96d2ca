import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopApi, decodeWire, encodeWire, IpcError, type InvokeHandlers, type IpcOutcome, type SatelliteView } from '@taskomatic/shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.js';
import { createHandlers } from '../ipc/handlers.js';
import { Fleet } from '../satellites/fleet.js';
import { SatelliteStore } from '../satellites/satellite-store.js';
import { memoryOnlySecrets } from '../satellites/secret-store.js';
import { EventStream, probe, type ProbeRequest } from '../test-support/http-probe.js';
import { startWebHost, type WebHost } from './web-host.js';

// Port 29630 of this helper's range.
const PORT = 29630;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SECRET = 'the-secret-outside-the-renderer';

describe('the browser host', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'h-main-web-'));
  const rendererDir = path.join(folder, 'renderer');
  const logged: Array<{ message: string; error: unknown }> = [];
  let host: WebHost;
  let fleet: Fleet;
  let cookie: string;

  /** The real handlers, but `api:call` echoes what it got: what crosses the wire is what is under test. */
  const handlersOf = (): InvokeHandlers => ({
    ...createHandlers({ fleet, appInfo: { host: 'browser', version: '9.9.9', keyring: { available: false, reason: 'test' } } }),
    'api:call': async (satelliteId, method, params) => ({ satelliteId, method, params, answeredAt: new Date('2026-11-28T10:00:00.000Z') }),
  });

  /** POSTs to /ipc/invoke as the app's page does (cookie, same origin, JSON), unless told otherwise. */
  const invoke = (body: string, headers: Record<string, string> = {}) =>
    probe({ port: PORT, method: 'POST', path: '/ipc/invoke', headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Taskomatic</title>');
    writeFileSync(path.join(rendererDir, 'app.js'), 'console.log("app")');
    writeFileSync(path.join(rendererDir, 'notes.txt'), 'a file of a type the host does not serve');
    writeFileSync(path.join(folder, 'secret.js'), SECRET);
    mkdirSync(path.join(folder, 'renderer-private'));
    writeFileSync(path.join(folder, 'renderer-private', 'secret.js'), SECRET);
    fleet = new Fleet(new SatelliteStore(path.join(folder, 'app')), memoryOnlySecrets('test'), () => undefined);
    fleet.start();
    host = await startWebHost({ port: PORT, rendererDir, log: (message, error) => logged.push({ message, error }) }, handlersOf);
    const answer = await probe({ port: PORT, path: new URL(host.url).pathname + new URL(host.url).search });
    cookie = (answer.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  });
  afterAll(async () => {
    await host?.close();
    await fleet?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('trades the token in the address for an HttpOnly same-site cookie and a redirect that drops it', async () => {
    const token = new URL(host.url).searchParams.get('token') ?? '';
    expect(host.url).toBe(`${ORIGIN}/?token=${token}`);
    const answer = await probe({ port: PORT, path: `/?token=${token}` });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['set-cookie']).toEqual([`taskomatic_token_${PORT}=${token}; HttpOnly; SameSite=Strict; Path=/`]);

    const page = await probe({ port: PORT, path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Taskomatic</title>');
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('refuses anyone without the token, whatever they ask', async () => {
    const token = new URL(host.url).searchParams.get('token') ?? '';
    const requests: ReadonlyArray<Omit<ProbeRequest, 'port'>> = [
      { path: '/' },
      { path: '/app.js' },
      { path: '/ipc/events' },
      { path: '/?token=wrong' },
      { path: '/', headers: { Cookie: `taskomatic_token_${PORT}=wrong` } },
      // The right token under another port's cookie name: the cookie of another host on 127.0.0.1.
      { path: '/', headers: { Cookie: `taskomatic_token_1234=${token}` } },
      // As many characters as the token, more bytes: refused, not a crash.
      { path: `/?token=${encodeURIComponent('é'.repeat(token.length))}` },
      { path: '/ipc/invoke', method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"channel":"satellites:list","args":[]}' },
    ];
    for (const request of requests) {
      const answer = await probe({ port: PORT, ...request });
      expect(answer.status, JSON.stringify(request)).toBe(403);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect(logged).toEqual([]);
  });

  it('refuses another Host name even with the token (DNS rebinding)', async () => {
    for (const host of [`evil.example:${PORT}`, `localhost:${PORT}`, '127.0.0.1', `127.0.0.1:${PORT + 1}`]) {
      const answer = await probe({ port: PORT, path: '/', headers: { Host: host, Cookie: cookie } });
      expect(answer.status, host).toBe(421);
    }
    expect((await invoke('{"channel":"satellites:list","args":[]}', { Host: `rebound.example:${PORT}` })).status).toBe(421);
  });

  it('refuses requests from other origins, and bodies that are not a JSON request', async () => {
    const list = '{"channel":"satellites:list","args":[]}';
    expect((await invoke(list)).status).toBe(200);
    expect((await invoke(list, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke(list, { Origin: `http://127.0.0.1:${PORT + 1}` })).status).toBe(403);
    expect((await invoke(list, { Origin: `http://localhost:${PORT}` })).status).toBe(403);
    expect((await invoke(list, { Origin: 'null' })).status).toBe(403);
    // A form can post text/plain across origins without asking first: never accepted.
    expect((await invoke(list, { 'Content-Type': 'text/plain' })).status).toBe(403);
    expect((await invoke(list, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(403);

    expect(await invoke('{not json')).toMatchObject({ status: 400, body: 'Not JSON' });
    expect((await invoke('null')).status).toBe(400);
    expect((await invoke('42')).status).toBe(400);
    expect((await invoke('x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await probe({ port: PORT, method: 'PUT', path: '/', headers: { Cookie: cookie } })).status).toBe(405);
    expect((await probe({ port: PORT, path: 'http://[::1/', headers: { Cookie: cookie } })).status).toBe(400);
    expect(logged).toEqual([]);
  });

  it('answers unknown channels and malformed arguments as invalid, without logging them', async () => {
    const outcome = async (body: unknown) => decodeWire((await invoke(encodeWire(body))).body) as IpcOutcome<unknown>;
    expect(await outcome({ channel: 'shell:exec', args: ['rm -rf /'] })).toEqual({ ok: false, error: { kind: 'invalid', message: 'shell:exec is not a channel of the app' } });
    expect(await outcome({ channel: '__proto__', args: [] })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await outcome({ channel: 'satellites:list', args: 'all' })).toEqual({ ok: false, error: { kind: 'invalid', message: 'satellites:list: arguments must be a list' } });
    expect(await outcome({ args: [] })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await outcome({ channel: 'satellites:remove', args: [{ id: 'x' }] })).toEqual({ ok: false, error: { kind: 'invalid', message: 'No satellite with id [object Object]' } });
    expect(await outcome({ channel: 'satellites:add', args: [{ name: 'x' }] })).toEqual({ ok: false, error: { kind: 'invalid', message: 'url: an empty address is not an http:// or https:// address' } });
    expect(logged).toEqual([]);
  });

  it('carries requests and answers, dates included, for the desktop API built on it', async () => {
    const api = createDesktopApi({
      invoke: async (channel, args) => decodeWire((await invoke(encodeWire({ channel, args }))).body) as IpcOutcome<unknown>,
      subscribe: () => () => undefined,
    });
    expect(await api.app.info()).toEqual({ host: 'browser', version: '9.9.9', keyring: { available: false, reason: 'test' } });
    expect(await api.satellites.list()).toEqual([]);
    const from = new Date('2026-11-01T00:00:00.000Z');
    const echoed = (await api.call('sat-x', 'runs.list', { from, limit: 5 })) as unknown as { params: [{ from: Date }]; answeredAt: Date };
    expect(echoed).toEqual({ satelliteId: 'sat-x', method: 'runs.list', params: [{ from, limit: 5 }], answeredAt: new Date('2026-11-28T10:00:00.000Z') });
    expect(echoed.params[0].from).toBeInstanceOf(Date);
    expect(echoed.answeredAt).toBeInstanceOf(Date);
    const failure = api.satellites.login('no-such-id', 'password-1234');
    await expect(failure).rejects.toBeInstanceOf(IpcError);
    await expect(failure).rejects.toMatchObject({ info: { kind: 'invalid', message: 'No satellite with id no-such-id' } });
  });

  it('pushes to every page listening, dates included, and forgets pages that went away', async () => {
    expect((await EventStream.open(PORT, '/ipc/events', {})).status).toBe(403);
    const first = await EventStream.open(PORT, '/ipc/events', { Cookie: cookie });
    const second = await EventStream.open(PORT, '/ipc/events', { Cookie: cookie });
    expect(first.status).toBe(200);
    const view: SatelliteView = {
      id: 'a',
      name: 'sat-1',
      url: 'http://127.0.0.1:1',
      username: 'admin',
      colour: '#3b82f6',
      glyph: '●',
      passwordSaved: false,
      status: 'connected',
      lastSeen: new Date('2026-11-28T10:00:00.000Z'),
    };
    host.push('satellite:state', view);
    for (const stream of [first, second]) {
      const event = await stream.take('satellite:state');
      expect(decodeWire(event.data)).toEqual(view);
    }
    first.close();
    // A closed page is dropped; the others still hear every push.
    await new Promise((resolve) => setImmediate(resolve));
    host.push('satellite:removed', { id: 'a' });
    host.push('satellite:changes', { satelliteId: 'a', changes: [{ kind: 'run', id: 7, action: 'succeeded', at: new Date(0) }], reset: false });
    expect(decodeWire((await second.take('satellite:removed')).data)).toEqual({ id: 'a' });
    expect(decodeWire((await second.take('satellite:changes')).data)).toMatchObject({ changes: [{ at: new Date(0) }] });
    second.close();
    expect(logged).toEqual([]);
  });

  it('serves the renderer folder and nothing outside it, however the path is written', async () => {
    const get = (requestPath: string) => probe({ port: PORT, path: requestPath, headers: { Cookie: cookie } });
    expect(await get('/app.js')).toMatchObject({ status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    expect((await get('/notes.txt')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/assets/')).status).toBe(404);
    for (const attempt of [
      '/../secret.js',
      '/assets/../../secret.js',
      '/%2e%2e/secret.js',
      '/%2E%2E%2Fsecret.js',
      '/..%2fsecret.js',
      '/..%5csecret.js',
      '/%2e%2e%2f%2e%2e%2f..%2fetc%2fpasswd',
      '/../renderer-private/secret.js',
      '/..%2frenderer-private%2fsecret.js',
      `/${encodeURIComponent(path.join(folder, 'secret.js'))}`,
      '//etc/passwd',
      '/app.js%00.html',
      '/%E0%A4%A',
      '/%',
    ]) {
      const answer = await get(attempt);
      expect(answer.status, attempt).toBe(404);
      expect(answer.body, attempt).not.toContain(SECRET);
    }
    expect(logged).toEqual([]);
  });
});
