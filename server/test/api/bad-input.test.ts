import { createServer as createNetServer, connect, type Socket } from 'node:net';
import { type FaultName, type ScheduleInfo } from '@taskomatic/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/server-config.js';
import { FakeClock } from '../../src/engine/fake-clock.js';
import { serializeMethodCall } from '@taskomatic/shared/xmlrpc';
import { ADMIN, ADMIN_PASSWORD, type ApiFixture, FAULT_CODES, ORG_BUNCH, SAT_BUNCH, faultOf, poll, startApiFixture } from './api-client.js';

/**
 * Bad input over HTTP: each gets an XML-RPC fault with the right code from the closed list (or an HTTP error
 * before parsing) and a message that says what was wrong; the server keeps serving others (a good call right
 * after succeeds), and nothing stored changes (schedules, exceptions, users, orgs, settings, bunches, runs
 * and the audit trail are compared before and after every test).
 */

const LIMIT = 64 * 1024;
let fx: ApiFixture;

beforeAll(async () => {
  // Schedules that never come due while the test runs: nothing changes the rows on its own.
  fx = await startApiFixture({ config: { ...DEFAULT_CONFIG, maxRequestBytes: LIMIT }, cron: '0 0 4 1 1 ? 2099' });
});
afterAll(async () => {
  await fx?.stop();
});

/** Every stored row a bad request could touch (sessions are left out: each use may note its time). */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const db = fx.server.database.db;
  const tables = ['schedules', 'schedule_exceptions', 'users', 'orgs', 'settings', 'bunches', 'bunch_steps', 'bunch_runs', 'task_runs', 'audit_log'] as const;
  const result: Record<string, unknown[]> = {};
  for (const table of tables) result[table] = await db.selectFrom(table).selectAll().execute();
  return result;
}

let before: Record<string, unknown[]>;
beforeEach(async () => {
  before = await snapshot();
});
afterEach(async () => {
  // The server goes on serving, and nothing stored changed.
  expect(await fx.admin.call('auth.whoami')).toMatchObject({ username: ADMIN });
  expect(await fx.acme.session.call<ScheduleInfo[]>('schedules.list', {})).toContainEqual(expect.objectContaining({ label: 'acme-daily' }));
  expect(await snapshot()).toEqual(before);
});

/** A methodCall written by hand: each param is the XML inside its <value>. */
function xmlCall(method: string, ...params: string[]): string {
  return `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params.map((p) => `<param><value>${p}</value></param>`).join('')}</params></methodCall>`;
}
const str = (text: string) => `<string>${text}</string>`;

/** POSTs a body and expects a fault with this name, code and a message matching `message`. */
async function expectFault(body: string | Buffer, fault: FaultName, message: RegExp): Promise<string> {
  const answer = await fx.client.postCall(body);
  expect(answer.fault, `expected ${fault}, got a value: ${JSON.stringify(answer.value)?.slice(0, 200)}`).toBeDefined();
  expect({ code: answer.fault?.code, name: answer.fault?.name }).toEqual({ code: FAULT_CODES[fault], name: fault });
  expect(answer.fault?.message).toMatch(message);
  return answer.fault?.message ?? '';
}

/** Calls a method (well-formed XML-RPC) and expects a fault with this name and a message matching `message`. */
async function expectCallFault(call: Promise<unknown>, fault: FaultName, message: RegExp): Promise<void> {
  const refused = await faultOf(call);
  expect({ code: refused.faultCode, name: refused.fault }).toEqual({ code: FAULT_CODES[fault], name: fault });
  expect(refused.faultString).toMatch(message);
}

describe('bad input gets a clear fault, the server goes on, nothing stored changes', () => {
  it('malformed XML', async () => {
    await expectFault(xmlCall('auth.whoami', '<string>abc</value>'), 'BAD_REQUEST', /line 1, column \d+:.*<\/string>|line 1, column \d+/);
    await expectFault('this is not XML at all', 'BAD_REQUEST', /line 1, column 1:/);
    await expectFault('', 'BAD_REQUEST', /methodCall/);
    const whole = serializeMethodCall('auth.whoami', [fx.admin.key]);
    await expectFault(whole.slice(0, whole.length - 20), 'BAD_REQUEST', /line \d+, column \d+/);
    await expectFault(whole.replace('<methodCall>', '<methodCall><methodCall>'), 'BAD_REQUEST', /methodName|methodCall/);
    await expectFault(xmlCall('auth.whoami', `<int>12abc</int>`), 'INVALID_PARAMS', /12abc/);
    await expectFault(whole.replace('?>', '?><?evil instruction?>'), 'BAD_REQUEST', /processing instruction/);
  });

  it('a body over the size limit: 413 before parsing, declared or sent chunked', async () => {
    const huge = xmlCall('cron.preview', str(fx.admin.key), `<struct><member><name>expression</name><value>${'x'.repeat(LIMIT)}</value></member></struct>`);
    const declared = await fx.client.post(huge);
    expect(declared.status).toBe(413);
    expect(declared.body).toContain(`over ${LIMIT} bytes`);
    const chunked = await fx.client.post(huge, { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    // A Content-Length that lies about a big body is refused from the header alone.
    const lying = await fx.client.post('<methodCall/>', { 'content-length': String(LIMIT + 1) });
    expect(lying.status).toBe(413);
  });

  it('GET (or another verb) on the XML-RPC paths: 405, allowing POST', async () => {
    for (const path of ['/rpc/api', '/RPC2']) {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const answer = await fx.client.post('', {}, { method, path });
        expect({ path, method, status: answer.status, allow: answer.headers['allow'] }).toEqual({ path, method, status: 405, allow: 'POST' });
      }
    }
  });

  it('nesting deeper than the limit', async () => {
    const deep = (levels: number) => `${'<array><data><value>'.repeat(levels)}<int>1</int>${'</value></data></array>'.repeat(levels)}`;
    await expectFault(xmlCall('system.multicall', deep(40)), 'BAD_REQUEST', /deep|nest/i);
    await expectFault(xmlCall('system.multicall', deep(1000)), 'BAD_REQUEST', /deep|nest/i);
    // Within the limit it is read, and refused for its type instead.
    await expectFault(xmlCall('system.multicall', deep(10)), 'INVALID_PARAMS', /calls\[0\]: expected a struct/);
  });

  it('a DOCTYPE with entity declarations (billion laughs): refused, nothing expanded', async () => {
    const laughs = [`<!ENTITY lol "lol">`];
    for (let i = 1; i <= 9; i++) laughs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const body = `<?xml version="1.0"?><!DOCTYPE lolz [${laughs.join('')}]><methodCall><methodName>auth.login</methodName><params><param><value><string>&lol9;</string></value></param><param><value><string>x</string></value></param></params></methodCall>`;
    const started = Date.now();
    const message = await expectFault(body, 'BAD_REQUEST', /DOCTYPE/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(message).not.toContain('lollol');
    // An entity used without being declared is refused too, never looked up.
    await expectFault(xmlCall('auth.login', str('&lol9;'), str('x')), 'BAD_REQUEST', /unknown entity &lol9;.*no entity is ever expanded/);
  });

  it('an external entity: refused, nothing read from disk or fetched from the network', async () => {
    // A listener the entity points at: it must never be contacted.
    let contacted = 0;
    const bait = createNetServer((socket) => {
      contacted++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    const port = (bait.address() as { port: number }).port;
    try {
      for (const system of ['file:///etc/passwd', `http://127.0.0.1:${port}/evil.dtd`]) {
        const body = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "${system}">]>${xmlCall('auth.login', str('&xxe;'), str('x')).replace('<?xml version="1.0"?>', '')}`;
        const message = await expectFault(body, 'BAD_REQUEST', /DOCTYPE/);
        expect(message).not.toMatch(/root:/);
      }
      const externalDtd = `<?xml version="1.0"?><!DOCTYPE foo SYSTEM "http://127.0.0.1:${port}/evil.dtd"><methodCall><methodName>system.listMethods</methodName></methodCall>`;
      await expectFault(externalDtd, 'BAD_REQUEST', /DOCTYPE/);
      // Give a fetch, had one been started, the time to arrive: a round trip on loopback.
      await fx.admin.call('auth.whoami');
      expect(contacted).toBe(0);
    } finally {
      await new Promise<void>((resolve) => bait.close(() => resolve()));
    }
  });

  it('wrong parameter counts', async () => {
    await expectCallFault(fx.admin.call('schedules.get'), 'INVALID_PARAMS', /schedules\.get takes 1 parameters after the session key: \(sessionKey, request\); got 0/);
    await expectCallFault(fx.admin.call('schedules.get', { id: 1 }, { id: 2 }), 'INVALID_PARAMS', /got 2/);
    await expectCallFault(fx.client.call('auth.login', ADMIN), 'INVALID_PARAMS', /auth\.login takes 2 parameters: \(username, password\); got 1/);
    await expectCallFault(fx.client.call('system.listMethods', 'extra'), 'INVALID_PARAMS', /takes 0 parameters/);
    await expectCallFault(fx.admin.call('taskomatic.scheduleSatBunch', SAT_BUNCH, 'x', '0 0 1 * * ?'), 'INVALID_PARAMS', /takes 6 or 4 parameters/);
  });

  it('wrong types: int for string, struct for array, string for int or date, and more', async () => {
    const acme = fx.acme.session;
    await expectCallFault(acme.call('schedules.create', { label: 5, bunch: ORG_BUNCH, cron: '0 0 1 * * ?' }), 'INVALID_PARAMS', /request\.label: expected a string, got the int 5/);
    await expectCallFault(acme.call('runs.list', { statuses: { FINISHED: true } }), 'INVALID_PARAMS', /filter\.statuses: expected an array, got a struct/);
    await expectCallFault(acme.call('schedules.get', { id: '12' }), 'INVALID_PARAMS', /request\.id: expected an int, got the string '12'/);
    await expectCallFault(acme.call('schedules.get', [12]), 'INVALID_PARAMS', /request: expected a struct, got an array/);
    await expectCallFault(acme.call('calendar.range', { from: '2030-01-01', to: new Date() }), 'INVALID_PARAMS', /request\.from: expected a dateTime/);
    await expectCallFault(acme.call('runs.list', { statuses: ['DONE'] }), 'INVALID_PARAMS', /statuses\[0\]: expected one of READY, .*got the string 'DONE'/);
    await expectCallFault(acme.call('schedules.list', { includeEnded: 1 }), 'INVALID_PARAMS', /includeEnded: expected a boolean/);
    await expectCallFault(acme.call('runs.list', { limit: 5000 }), 'INVALID_PARAMS', /limit: 5000 is above 1000/);
    await expectCallFault(acme.call('logs.read', { runId: 1, offset: -5 }), 'INVALID_PARAMS', /offset: -5 is below 0/);
    await expectCallFault(acme.call('logs.read', { runId: 1.5, offset: 0 }), 'INVALID_PARAMS', /runId: expected an int, got the double 1\.5/);
    await expectCallFault(acme.call('taskomatic.org.scheduleBunch', ORG_BUNCH, 'x', '0 0 1 * * ?', { message: 7 }), 'INVALID_PARAMS', /params\.message: expected a string/);
    // The session key itself of the wrong type.
    await expectCallFault(fx.client.call('auth.whoami', 12345), 'NOT_AUTHENTICATED', /session key/);
  });

  it('unknown struct members are refused, named', async () => {
    await expectCallFault(fx.acme.session.call('schedules.get', { id: fx.acme.schedule.id, evil: 1 }), 'INVALID_PARAMS', /unknown member 'evil' \(known: id\)/);
    await expectCallFault(fx.admin.call('settings.update', { retentionDays: 3, sessionIdleMinute: 5 }), 'INVALID_PARAMS', /unknown member 'sessionIdleMinute'/);
    await expectCallFault(fx.admin.call('users.update', { id: fx.acme.adminId, role: 'sat-admin', admin: true }), 'INVALID_PARAMS', /unknown member 'admin'/);
  });

  it('unknown methods', async () => {
    await expectCallFault(fx.client.call('no.such.method'), 'UNKNOWN_METHOD', /No method no\.such\.method \(see system\.listMethods\)/);
    await expectCallFault(fx.client.call('schedules.drop', fx.admin.key, {}), 'UNKNOWN_METHOD', /schedules\.drop/);
    await expectCallFault(fx.client.call('__proto__'), 'UNKNOWN_METHOD', /__proto__/);
    await expectCallFault(fx.client.call('constructor'), 'UNKNOWN_METHOD', /constructor/);
    await expectCallFault(fx.client.call('toString'), 'UNKNOWN_METHOD', /toString/);
  });

  // BUG: a method name that is not a name at all is answered INVALID_PARAMS (the parser's 'bad-value' is
  // mapped to INVALID_PARAMS in api-server.ts rpc()); it is neither a parameter problem nor a known method.
  it('a method name with characters no method name has: UNKNOWN_METHOD or BAD_REQUEST, not INVALID_PARAMS', async () => {
    const answer = await fx.client.postCall(`<?xml version="1.0"?><methodCall><methodName>drop table users;</methodName></methodCall>`);
    expect(['UNKNOWN_METHOD', 'BAD_REQUEST']).toContain(answer.fault?.name);
    expect(answer.fault?.message).toMatch(/method name/);
  });

  it('strings with control characters', async () => {
    const acme = fx.acme.session;
    // Forbidden by XML itself, raw or as a character reference: the request cannot be read.
    await expectFault(xmlCall('auth.login', str('ad\u0001min'), str('x')), 'BAD_REQUEST', /control character U\+0001/);
    await expectFault(xmlCall('auth.login', str('ad&#27;[31mmin'), str('x')), 'BAD_REQUEST', /U\+001B/);
    await expectFault(xmlCall('auth.login', str('ad&#0;min'), str('x')), 'BAD_REQUEST', /U\+0000/);
    // Allowed by XML, refused by the API: DEL, and escapes that would forge terminal output or log lines.
    await expectCallFault(acme.call('schedules.create', { label: 'evil\u007flabel', bunch: ORG_BUNCH, cron: '0 0 1 * * ?' }), 'INVALID_PARAMS', /request\.label: contains control characters/);
    await expectCallFault(acme.call('schedules.pause', { id: fx.acme.schedule.id, version: fx.acme.schedule.version, reason: 'x\u007f' }), 'INVALID_PARAMS', /request\.reason: contains control characters/);
    await expectCallFault(acme.call('taskomatic.org.scheduleBunch', ORG_BUNCH, 'label', '0 0 1 * * ?', { message: 'a\u007fb' }), 'INVALID_PARAMS', /params\.message: contains control characters/);
    // Tab and newline are text.
    expect((await acme.call('cron.preview', { expression: '0\t0 1 * * ?' })).valid).toBe(true);
  });

  // BUG: C1 control characters (U+0080-U+009F, e.g. U+009B CSI, U+0085 NEL) pass the gate: check-value.ts
  // CONTROL only covers C0 and DEL, although they are control characters (\p{Cc}) that forge terminal output
  // and log lines; the schedule service's label check has the same gap (org names are checked with \p{Cc}).
  it('C1 control characters in a string are refused as control characters', async () => {
    // Methods that store nothing, so that a string let through leaves no trace.
    await expectCallFault(fx.acme.session.call('cron.preview', { expression: '0 0 1 * * ?\u009b31m' }), 'INVALID_PARAMS', /request\.expression: contains control characters/);
    await expectCallFault(fx.acme.session.call('schedules.list', { bunch: 'forged\u0085line' }), 'INVALID_PARAMS', /filter\.bunch: contains control characters/);
  });

  it('huge strings, over a field maxLength (and over the parser limits)', async () => {
    await expectCallFault(fx.acme.session.call('schedules.create', { label: 'x'.repeat(5000), bunch: ORG_BUNCH, cron: '0 0 1 * * ?' }), 'INVALID_PARAMS', /request\.label: longer than 200 characters/);
    await expectCallFault(fx.client.call('auth.login', 'u'.repeat(65), 'password'), 'INVALID_PARAMS', /username: longer than 64 characters/);
    await expectCallFault(fx.client.call('auth.login', ADMIN, 'p'.repeat(1025)), 'INVALID_PARAMS', /password: longer than 1024 characters/);
    await expectCallFault(fx.acme.session.call('logs.search', { runId: 1, query: 'q'.repeat(1001) }), 'INVALID_PARAMS', /request\.query: longer than 1000 characters/);
    await expectCallFault(fx.admin.call('audit.list', { actor: 'a'.repeat(60_000) }), 'INVALID_PARAMS', /filter\.actor: longer than 100 characters/);
    // More items than an array may hold.
    await expectCallFault(fx.acme.session.call('runs.list', { statuses: Array.from({ length: 21 }, () => 'FINISHED') }), 'INVALID_PARAMS', /more than 20 items/);
  });

  it('a forged session key', async () => {
    const real = fx.acme.session.key;
    const tampered = `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
    for (const key of ['A'.repeat(43), tampered, 'admin', `${real}x`, ' ', real.toLowerCase() === real ? real.toUpperCase() : real.toLowerCase()]) {
      await expectCallFault(fx.client.call('schedules.list', key, {}), 'NOT_AUTHENTICATED', /unknown or expired: log in again/);
    }
    await expectCallFault(fx.client.call('schedules.list', '', {}), 'NOT_AUTHENTICATED', /needs a session key/);
    await expectCallFault(fx.client.call('schedules.list', {}), 'NOT_AUTHENTICATED', /needs a session key/);
    // A refused session says nothing else: not even whether the arguments were right.
    await expectCallFault(fx.client.call('schedules.get', 'A'.repeat(43), { nonsense: true }), 'NOT_AUTHENTICATED', /log in again/);
  });

  it('struct members named __proto__ (and friends) are refused, and nothing is polluted', async () => {
    const pollution = () => ({ polluted: (Object.prototype as Record<string, unknown>)['polluted'], fromLiteral: ({} as Record<string, unknown>)['polluted'], isAdmin: ({} as Record<string, unknown>)['isAdmin'] });
    const proto = (inner: string) => `<struct><member><name>__proto__</name><value><struct><member><name>polluted</name><value><string>yes</string></value></member><member><name>isAdmin</name><value><boolean>1</boolean></value></member></struct></value></member>${inner}</struct>`;
    const idMember = `<member><name>id</name><value><int>${fx.acme.schedule.id}</int></value></member>`;
    // In a struct of declared fields: an unknown member.
    await expectFault(xmlCall('schedules.get', str(fx.acme.session.key), proto(idMember)), 'INVALID_PARAMS', /unknown member '__proto__'/);
    // In a map (parameter values): a name that is not allowed.
    const params = `<member><name>label</name><value><string>proto</string></value></member><member><name>bunch</name><value><string>${ORG_BUNCH}</string></value></member><member><name>cron</name><value><string>0 0 1 * * ?</string></value></member><member><name>params</name><value>${proto('')}</value></member>`;
    await expectFault(xmlCall('schedules.create', str(fx.acme.session.key), `<struct>${params}</struct>`), 'INVALID_PARAMS', /member name '__proto__' is not allowed/);
    await expectFault(xmlCall('taskomatic.org.scheduleBunch', str(fx.acme.session.key), str(ORG_BUNCH), str('proto'), str('0 0 1 * * ?'), proto('')), 'INVALID_PARAMS', /'__proto__' is not allowed/);
    // Deep inside an `any` value (a parameter's value): refused as a parameter value, never merged.
    const nested = `<member><name>label</name><value><string>proto2</string></value></member><member><name>bunch</name><value><string>${ORG_BUNCH}</string></value></member><member><name>cron</name><value><string>0 0 1 * * ?</string></value></member><member><name>params</name><value><struct><member><name>message</name><value>${proto('')}</value></member></struct></value></member>`;
    const answer = await fx.client.postCall(xmlCall('schedules.create', str(fx.acme.session.key), `<struct>${nested}</struct>`));
    expect(['INVALID_PARAMS', 'INVALID_PARAMETER']).toContain(answer.fault?.name);
    // Through multicall: each inner call goes through the gate again.
    const multi = `<array><data><value><struct><member><name>methodName</name><value><string>schedules.get</string></value></member><member><name>params</name><value><array><data><value><string>${fx.acme.session.key}</string></value><value>${proto(idMember)}</value></data></array></value></member></struct></value></data></array>`;
    const results = await fx.client.postCall(xmlCall('system.multicall', multi));
    expect(results.value).toEqual([{ faultCode: FAULT_CODES.INVALID_PARAMS, faultString: expect.stringMatching(/unknown member '__proto__'/) }]);
    // `constructor` and `prototype` are ordinary (unknown) names.
    await expectCallFault(fx.acme.session.call('schedules.get', { id: 1, constructor: { prototype: { polluted: 'yes' } } }), 'INVALID_PARAMS', /unknown member 'constructor'/);
    expect(pollution()).toEqual({ polluted: undefined, fromLiteral: undefined, isAdmin: undefined });
  });

  it('an invalid UTF-8 body', async () => {
    const xml = xmlCall('auth.login', str('adXXmin'), str('password'));
    const at = xml.indexOf('XX');
    const body = Buffer.from(xml, 'latin1');
    body[at] = 0xff;
    body[at + 1] = 0xfe;
    await expectFault(body, 'BAD_REQUEST', new RegExp(`not valid UTF-8 at byte ${at}`));
    // A character cut short at the end, and an overlong encoding of '<'.
    await expectFault(Buffer.concat([Buffer.from(xml), Buffer.from([0xe2, 0x82])]), 'BAD_REQUEST', /not valid UTF-8/);
    await expectFault(Buffer.concat([Buffer.from([0xc0, 0xbc]), Buffer.from(xml)]), 'BAD_REQUEST', /not valid UTF-8 at byte 0/);
    // A declared encoding the server does not read is refused rather than guessed at.
    await expectFault(Buffer.from(xml.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')), 'BAD_REQUEST', /encoding 'UTF-16'/);
  });

  it('a request that stops sending halfway does not hold up anyone else, nor do many of them', async () => {
    const { host, port } = fx.client;
    const halves: Socket[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const socket = connect(port, host);
        socket.on('error', () => undefined);
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        socket.write(`POST /rpc/api HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<methodCal`);
        halves.push(socket);
      }
      // A half request of headers only, too.
      const headersOnly = connect(port, host);
      headersOnly.on('error', () => undefined);
      await new Promise<void>((resolve) => headersOnly.once('connect', () => resolve()));
      headersOnly.write('POST /rpc/api HTTP/1.1\r\nHost: x\r\nContent-Le');
      halves.push(headersOnly);

      // Others are served meanwhile, at once.
      const started = Date.now();
      const [whoami, methods, login] = await Promise.all([
        fx.admin.call('auth.whoami'),
        fx.client.call<string[]>('system.listMethods'),
        fx.client.call<string>('auth.login', fx.globex.adminUsername, fx.globex.adminPassword),
      ]);
      expect(whoami).toMatchObject({ username: ADMIN });
      expect(methods.length).toBeGreaterThan(50);
      await fx.client.call('auth.logout', login);
      expect(Date.now() - started).toBeLessThan(5000);
      // The half requests got no answer: the server waits for the rest (until its request timeout).
      const answered = halves.filter((s) => s.bytesRead > 0);
      expect(answered).toEqual([]);
    } finally {
      for (const socket of halves) socket.destroy();
    }
    // Their going away mid-body disturbs nothing (afterEach checks the server and the data).
    await poll(async () => (await fx.client.call<string[]>('system.listMethods')).length > 0, 'the server to answer after the half requests went away');
  });
});

describe('expired sessions (a fake clock moves time)', () => {
  let clocked: ApiFixture;
  let clock: FakeClock;
  beforeAll(async () => {
    clock = new FakeClock(Date.now());
    clocked = await startApiFixture({ clock });
  });
  afterAll(async () => {
    await clocked?.stop();
  });

  it('a session idle longer than session_idle_minutes is refused; each use slides the expiry', async () => {
    expect((await clocked.admin.call('settings.get')).sessionIdleMinutes).toBe(30);
    const session = await clocked.login(clocked.acme.adminUsername, clocked.acme.adminPassword);
    clock.jump(20 * 60_000);
    expect(await session.call('auth.whoami')).toMatchObject({ username: 'acme-admin' });
    clock.jump(20 * 60_000);
    // 40 minutes after login but 20 after its last use: still valid.
    expect(await session.call('auth.whoami')).toMatchObject({ username: 'acme-admin' });
    clock.jump(30 * 60_000 + 1000);
    await expectFaultOn(session.call('schedules.list', {}), 'NOT_AUTHENTICATED', /unknown or expired: log in again/);
    await expectFaultOn(clocked.admin.call('auth.whoami'), 'NOT_AUTHENTICATED', /expired/);

    // A shorter idle time applies at once.
    const admin = await clocked.login(ADMIN, ADMIN_PASSWORD);
    await admin.call('settings.update', { sessionIdleMinutes: 1 });
    const short = await clocked.login(clocked.globex.adminUsername, clocked.globex.adminPassword);
    clock.jump(59_000);
    expect(await short.call('auth.whoami')).toMatchObject({ username: 'globex-admin' });
    clock.jump(61_000);
    await expectFaultOn(short.call('auth.whoami'), 'NOT_AUTHENTICATED', /expired/);
    // Logging in again works.
    expect(await (await clocked.login(clocked.globex.adminUsername, clocked.globex.adminPassword)).call('auth.whoami')).toMatchObject({ username: 'globex-admin' });
  });

  async function expectFaultOn(call: Promise<unknown>, fault: FaultName, message: RegExp): Promise<void> {
    const refused = await faultOf(call);
    expect(refused.fault).toBe(fault);
    expect(refused.faultString).toMatch(message);
  }
});

describe('many failed logins', () => {
  let own: ApiFixture;
  beforeAll(async () => {
    own = await startApiFixture();
  });
  afterAll(async () => {
    await own?.stop();
  });

  it('are slowed down after 5 (LOGIN_THROTTLED, even for the right password), and each refusal is in the audit trail', async () => {
    const session = own.admin;
    for (let i = 0; i < 5; i++) {
      await expectCallFaultOn(own.client.call('auth.login', ADMIN, `wrong-password-${i}`), 'LOGIN_FAILED', /Invalid username or password/);
    }
    await expectCallFaultOn(own.client.call('auth.login', ADMIN, 'wrong-password-again'), 'LOGIN_THROTTLED', /Too many failed logins; try again in \d+ s/);
    await expectCallFaultOn(own.client.call('auth.login', ADMIN, ADMIN_PASSWORD), 'LOGIN_THROTTLED', /try again/);
    // An unknown user and a known one fail alike (nothing tells which names exist).
    const unknown = await faultOf(own.client.call('auth.login', 'nobody-at-all', 'whatever'));
    expect(['LOGIN_FAILED', 'LOGIN_THROTTLED']).toContain(unknown.fault);

    // Sessions already open go on working.
    expect(await session.call('auth.whoami')).toMatchObject({ username: ADMIN });
    const { entries } = await session.call('audit.list', { targetType: 'user', limit: 100 });
    const refusals = entries.filter((e: { action: string }) => e.action === 'auth.loginRefused');
    const reasons = refusals.filter((e: { actor: string }) => e.actor === ADMIN).map((e: { after: string }) => JSON.parse(e.after).reason);
    expect(reasons.filter((r: string) => r === 'bad password')).toHaveLength(5);
    expect(reasons.filter((r: string) => r === 'throttled')).toHaveLength(2);
    expect(refusals.every((e: { address?: string }) => typeof e.address === 'string' && e.address.includes('127.0.0.1'))).toBe(true);
    // The audit never holds what was typed as a password.
    expect(JSON.stringify(entries)).not.toContain('wrong-password');
  });

  async function expectCallFaultOn(call: Promise<unknown>, fault: FaultName, message: RegExp): Promise<void> {
    const refused = await faultOf(call);
    expect({ code: refused.faultCode, name: refused.fault }).toEqual({ code: FAULT_CODES[fault], name: fault });
    expect(refused.faultString).toMatch(message);
  }
});
