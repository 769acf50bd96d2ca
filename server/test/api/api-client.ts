import { request as httpRequest } from 'node:http';
import { FAULTS, type FaultName, faultOfCode, type ScheduleInfo } from '@taskomatic/shared';
import { DEFAULT_CONFIG, type ServerConfig } from '../../src/config/server-config.js';
import type { Clock } from '../../src/engine/clock.js';
import { type RunningServer, startServer } from '../../src/main.js';
import type { RunnableTask } from '../../src/runner/task.js';
import { DEFAULT_PARSE_LIMITS, parseMethodResponse, type ResultValue, serializeMethodCall, type XmlRpcValue } from '@taskomatic/shared/xmlrpc';
import type { Dialect } from '../../src/db/connect.js';
import { tempDataDir } from '../support/harness.js';
import { createScratchDatabase } from '../support/postgres.js';
import { type GateTask, gateTask } from '../support/test-tasks.js';

/**
 * A tiny XML-RPC client for tests, over real HTTP (node:http, loopback), and a fixture that starts a real server
 * (startServer on port 0, a temporary data folder) and fills it through the API as a satellite admin would:
 * two orgs (acme, globex) with an org admin each, bunches for each scope, and a schedule in each org and at
 * satellite level.
 */

/** A fault the server answered with. */
export class RpcFault extends Error {
  readonly faultCode: number;
  readonly faultString: string;

  constructor(faultCode: number, faultString: string, method: string) {
    super(`${method}: fault ${faultCode} (${faultOfCode(faultCode) ?? 'unknown code'}): ${faultString}`);
    this.name = 'RpcFault';
    this.faultCode = faultCode;
    this.faultString = faultString;
  }

  /** The fault's name in the closed list, or undefined for a code that is not in it. */
  get fault(): FaultName | undefined {
    return faultOfCode(this.faultCode);
  }
}

/** What a raw POST got back. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Responses may carry whole logs (up to 16 MiB of text): read them with room to spare. */
const RESPONSE_LIMITS = { ...DEFAULT_PARSE_LIMITS, maxBytes: 128 * 1024 * 1024, maxStringLength: 64 * 1024 * 1024, maxMembers: 10_000_000 };

/** A decoded value with structs turned into ordinary objects (decoded ones have no prototype). */
function plain(value: XmlRpcValue): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

export class ApiClient {
  readonly host: string;
  readonly port: number;
  readonly path: string;

  constructor(address: { readonly host: string; readonly port: number }, path = '/rpc/api') {
    this.host = address.host;
    this.port = address.port;
    this.path = path;
  }

  /** Calls a method; returns its value or throws an `RpcFault`. */
  async call<T = any>(method: string, ...params: unknown[]): Promise<T> {
    const response = await this.post(serializeMethodCall(method, params as ResultValue[]));
    if (response.status !== 200) throw new Error(`${method}: HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    const parsed = parseMethodResponse(response.body, RESPONSE_LIMITS);
    if (parsed.kind === 'fault') throw new RpcFault(parsed.faultCode, parsed.faultString, method);
    return plain(parsed.value) as T;
  }

  /** A client bound to a session key: every call sends it first. */
  as(key: string): Session {
    return new Session(this, key);
  }

  /** POSTs a raw body (or sends `method`), for bad-input tests. Never throws for an HTTP status. */
  post(body: string | Buffer, headers: Record<string, string> = {}, options: { method?: string; path?: string } = {}): Promise<RawResponse> {
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return new Promise<RawResponse>((resolve, reject) => {
      let answered = false;
      const req = httpRequest(
        {
          host: this.host,
          port: this.port,
          path: options.path ?? this.path,
          method: options.method ?? 'POST',
          agent: false,
          // A body sent chunked (transfer-encoding given) has no length up front.
          headers: { 'content-type': 'text/xml', ...('transfer-encoding' in headers ? {} : { 'content-length': String(data.length) }), ...headers },
        },
        (res) => {
          answered = true;
          const parts: Buffer[] = [];
          res.on('data', (chunk: Buffer) => parts.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
          res.on('error', reject);
        },
      );
      // A server that answers early (413) and closes may cut our upload short: the answer is what counts.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      req.end(options.method === 'GET' ? undefined : data);
    });
  }

  /** POSTs a raw body and reads the XML-RPC answer: the fault, or the value. Fails on an HTTP error status. */
  async postCall(body: string | Buffer, headers: Record<string, string> = {}): Promise<{ fault?: { code: number; name: FaultName | undefined; message: string }; value?: unknown }> {
    const response = await this.post(body, headers);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    const parsed = parseMethodResponse(response.body, RESPONSE_LIMITS);
    if (parsed.kind === 'fault') return { fault: { code: parsed.faultCode, name: faultOfCode(parsed.faultCode), message: parsed.faultString } };
    return { value: plain(parsed.value) };
  }
}

/** Calls made with one session key. */
export class Session {
  constructor(
    readonly client: ApiClient,
    readonly key: string,
  ) {}

  call<T = any>(method: string, ...params: unknown[]): Promise<T> {
    return this.client.call<T>(method, this.key, ...params);
  }
}

/** The outcome of a call as the permission matrix records it: 'ok', a fault name, or 'code N' for a foreign code. */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof RpcFault) return error.fault ?? `code ${error.faultCode}`;
    throw error;
  }
}

/** The fault a call fails with (fails the test when the call succeeds or fails otherwise). */
export async function faultOf(call: Promise<unknown>): Promise<RpcFault> {
  try {
    await call;
  } catch (error) {
    if (error instanceof RpcFault) return error;
    throw error;
  }
  throw new Error('the call succeeded where a fault was expected');
}

/** Polls `check` until it returns something other than undefined/false; never a fixed sleep. */
export async function poll<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; ; round++) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, round < 10 ? 10 : 50));
  }
}

export const FINAL_STATUSES: ReadonlyArray<string> = ['FINISHED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED', 'INTERRUPTED', 'MISSED'];

/** Waits until a bunch run has ended; returns runs.get's answer. */
export async function waitForBunchRun(session: Session, bunchRunId: number, timeoutMs = 15_000): Promise<any> {
  return poll(
    async () => {
      const run = await session.call('runs.get', { bunchRunId });
      return FINAL_STATUSES.includes(run.status) ? run : undefined;
    },
    `bunch run ${bunchRunId} to end`,
    timeoutMs,
  );
}

export const FAULT_CODES: Readonly<Record<FaultName, number>> = Object.fromEntries(Object.entries(FAULTS).map(([name, f]) => [name, f.code])) as Record<FaultName, number>;

// ---------------------------------------------------------------------------------------------------------
// The fixture

export const ADMIN = 'admin';
export const ADMIN_PASSWORD = 'admin-password-12';
export const SAT_BUNCH = 'api-sat-bunch';
export const ORG_BUNCH = 'api-org-bunch';
export const GATE_BUNCH = 'api-gate-bunch';
/** Output of the echo task, line by line. */
export const ECHO_STDOUT = 'echo says hello\nsecond line of output\n';
export const ECHO_STDERR = 'echo warns\n';

/**
 * A built-in task that writes a known text to both streams and finishes at once; its optional `message`
 * parameter replaces "hello".
 */
export function echoTask(): RunnableTask {
  return {
    name: 'api-echo',
    description: 'test task: writes a known text to stdout and stderr',
    kind: 'builtin',
    parallelizable: true,
    maxParallel: null,
    timeoutMs: 60_000,
    scope: 'any',
    parameters: [{ name: 'message', type: 'string', required: false, default: 'hello', pattern: '[a-z ]{1,40}' }],
    available: true,
    unavailableReason: null,
    async run(execution) {
      const message = typeof execution.params['message'] === 'string' ? execution.params['message'] : 'hello';
      execution.output.write('stdout', ECHO_STDOUT.replace('hello', message));
      execution.output.write('stderr', ECHO_STDERR);
      return { exitCode: 0, signal: null, error: null };
    },
  };
}

/** One org of the fixture, with its admin. */
export interface FixtureOrg {
  readonly name: string;
  readonly id: number;
  readonly adminId: number;
  readonly adminUsername: string;
  readonly adminPassword: string;
  readonly session: Session;
  /** Its daily schedule (created by its admin). */
  readonly schedule: ScheduleInfo;
}

/** A finished run of a fixture schedule. */
export interface FixtureRun {
  readonly bunchRunId: number;
  /** The task run of its one step (logs are read by it). */
  readonly taskRunId: number;
}

export interface ApiFixture {
  readonly server: RunningServer;
  readonly client: ApiClient;
  readonly dataDir: string;
  readonly gate: GateTask;
  readonly admin: Session;
  readonly acme: FixtureOrg;
  readonly globex: FixtureOrg;
  /** The satellite-level daily schedule. */
  readonly satSchedule: ScheduleInfo;
  /** One finished run each, when asked for (`withRuns`). */
  readonly runs: { readonly sat?: FixtureRun; readonly acme?: FixtureRun; readonly globex?: FixtureRun };
  login(username: string, password: string): Promise<Session>;
  stop(): Promise<void>;
}

export interface ApiFixtureOptions {
  readonly config?: ServerConfig;
  readonly clock?: Clock;
  /** Cron of the fixture's schedules (default: daily at 03:30 UTC). */
  readonly cron?: string;
  /** Run each fixture schedule once and wait for it (default: false). */
  readonly withRuns?: boolean;
  /** Keep the schedules the seed installs (default: they are ended, so nothing fires on its own). */
  readonly keepSeeded?: boolean;
  /** Built-in tasks besides the fixture's own (echo and gate). */
  readonly extraTasks?: ReadonlyArray<RunnableTask>;
  /**
   * The store (default: TASKOMATIC_TEST_STORE, which the `api-postgres` test project sets to `postgres` to run
   * every API test against PostgreSQL too; else SQLite).
   */
  readonly dialect?: Dialect;
}

/** Starts a real server on a loopback port and fills it through the API. */
export async function startApiFixture(options: ApiFixtureOptions = {}): Promise<ApiFixture> {
  const folder = tempDataDir('taskomatic-api-');
  const gate = gateTask('api-gate');
  const dialect = options.dialect ?? (process.env['TASKOMATIC_TEST_STORE'] === 'postgres' ? 'postgres' : 'sqlite');
  const scratch = dialect === 'postgres' ? await createScratchDatabase() : null;
  let server: RunningServer | undefined;
  try {
    server = await startServer({
      dataDir: folder.path,
      ...(scratch ? { database: scratch.url } : {}),
      config: options.config ?? DEFAULT_CONFIG,
      listen: { host: '127.0.0.1', port: 0 },
      adminPassword: ADMIN_PASSWORD,
      ...(options.clock ? { clock: options.clock } : {}),
      extraTasks: [echoTask(), gate, ...(options.extraTasks ?? [])],
    });
    if (!server.address) throw new Error('the server did not bind an address');
    const client = new ApiClient(server.address);
    const login = async (username: string, password: string) => client.as(await client.call<string>('auth.login', username, password));
    const admin = await login(ADMIN, ADMIN_PASSWORD);
    if (!options.keepSeeded) {
      for (const schedule of await admin.call<ScheduleInfo[]>('schedules.list', {})) await admin.call('schedules.delete', { id: schedule.id });
    }
    await admin.call('bunches.create', { name: SAT_BUNCH, description: 'satellite-level test bunch', orgBunch: false, steps: [{ task: 'api-echo' }] });
    await admin.call('bunches.create', { name: ORG_BUNCH, description: 'org-level test bunch', orgBunch: true, steps: [{ task: 'api-echo' }] });
    await admin.call('bunches.create', { name: GATE_BUNCH, description: 'org-level bunch that waits for the test', orgBunch: true, steps: [{ task: 'api-gate' }] });
    const cron = options.cron ?? '0 30 3 * * ?';
    const satSchedule = await admin.call<ScheduleInfo>('schedules.create', { label: 'sat-daily', bunch: SAT_BUNCH, cron, timeZone: 'UTC' });

    const makeOrg = async (name: string): Promise<FixtureOrg> => {
      const org = await admin.call<{ id: number }>('orgs.create', { name });
      const adminUsername = `${name}-admin`;
      const adminPassword = `${name}-password-12`;
      const user = await admin.call<{ id: number }>('users.create', { username: adminUsername, password: adminPassword, role: 'org-admin', orgId: org.id });
      const session = await login(adminUsername, adminPassword);
      const schedule = await session.call<ScheduleInfo>('schedules.create', { label: `${name}-daily`, bunch: ORG_BUNCH, cron, timeZone: 'UTC' });
      return { name, id: org.id, adminId: user.id, adminUsername, adminPassword, session, schedule };
    };
    const acme = await makeOrg('acme');
    const globex = await makeOrg('globex');

    const runs: { sat?: FixtureRun; acme?: FixtureRun; globex?: FixtureRun } = {};
    if (options.withRuns) {
      const runOnce = async (session: Session, scheduleId: number): Promise<FixtureRun> => {
        const { bunchRunId } = await session.call<{ bunchRunId: number }>('schedules.runNow', { id: scheduleId });
        const run = await waitForBunchRun(admin, bunchRunId);
        if (run.status !== 'FINISHED') throw new Error(`fixture run ${bunchRunId} ended ${run.status}`);
        return { bunchRunId, taskRunId: run.steps[0].id };
      };
      runs.sat = await runOnce(admin, satSchedule.id);
      runs.acme = await runOnce(acme.session, acme.schedule.id);
      runs.globex = await runOnce(globex.session, globex.schedule.id);
    }
    const running = server;
    return {
      server: running,
      client,
      dataDir: folder.path,
      gate,
      admin,
      acme,
      globex,
      satSchedule,
      runs,
      login,
      async stop() {
        await running.stop(0).catch(() => undefined);
        folder.remove();
        scratch?.release();
      },
    };
  } catch (error) {
    await server?.stop(0).catch(() => undefined);
    folder.remove();
    scratch?.release();
    throw error;
  }
}
