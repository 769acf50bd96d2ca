import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ListenAddress, ServerConfig } from '../config/server-config.js';
import { dataFolder } from '../data-folder.js';
import { openSqlite } from '../db/connect.js';
import { type RunningServer, startServer } from '../main.js';
import { DEFAULT_PARSE_LIMITS, parseMethodResponse, type ResultValue, serializeMethodCall, type XmlRpcValue } from '@taskomatic/shared/xmlrpc';
import type { RunnableTask } from '../runner/task.js';
import { scratchFolder } from './bench-support.js';
import type { LatencyMs, LoadReport, LoadSpec } from './api-load.js';

/** The first satellite admin's password in the API benchmarks' data folders. */
export const BENCH_PASSWORD = 'bench-password-not-secret';
export const BENCH_USER = 'admin';
const RPC_PATH = '/rpc/api';

export type Db = ReturnType<typeof openSqlite>['db'];

export async function withDatabase<T>(file: string, work: (db: Db) => Promise<T>): Promise<T> {
  const database = openSqlite({ file });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** A server listening on a loopback port, on a scratch data folder that `fill` prepared before it started. */
export interface ApiServer {
  readonly server: RunningServer;
  readonly address: ListenAddress;
  readonly dataDir: string;
  readonly startupMs: number;
  /** Stops the server and leaves the data folder in place (see `remove`). */
  stop(): Promise<void>;
  remove(): void;
}

export async function startApiServer<T>(
  name: string,
  config: ServerConfig,
  tasks: ReadonlyArray<RunnableTask>,
  fill: (db: Db) => Promise<T>,
): Promise<ApiServer & { readonly filled: T }> {
  const folder = scratchFolder(name);
  // The first start creates and migrates the database and the first satellite admin; the fill comes after.
  const first = await startServer({ dataDir: folder.path, config, listen: null, adminPassword: BENCH_PASSWORD, extraTasks: tasks });
  await first.stop(0);
  const filled = await withDatabase(dataFolder(folder.path).databaseFile, fill);
  const t0 = performance.now();
  const server = await startServer({ dataDir: folder.path, config, listen: { host: '127.0.0.1', port: 0 }, extraTasks: tasks });
  const startupMs = Math.round(performance.now() - t0);
  if (!server.address) throw new Error('the server did not listen');
  return {
    server,
    address: server.address,
    dataDir: folder.path,
    startupMs,
    filled,
    stop: () => server.stop(5000),
    remove: folder.remove,
  };
}

/** One XML-RPC call (for setting up and checking, not measured): the result, or an error for a fault. */
export async function rpcCall(address: ListenAddress, method: string, params: ReadonlyArray<ResultValue>): Promise<{ value: XmlRpcValue; bytes: number }> {
  const response = await fetch(`http://${address.host}:${address.port}${RPC_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: serializeMethodCall(method, params),
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${method}: HTTP ${response.status}`);
  const parsed = parseMethodResponse(body, { ...DEFAULT_PARSE_LIMITS, maxBytes: 2 ** 30, maxMembers: 100_000_000 });
  if (parsed.kind === 'fault') throw new Error(`${method}: fault ${parsed.faultCode}: ${parsed.faultString}`);
  return { value: parsed.value, bytes: body.length };
}

/** `count` sessions of the benchmark's admin, a few logins at a time. */
export async function loginSessions(address: ListenAddress, count: number): Promise<string[]> {
  const keys: string[] = [];
  while (keys.length < count) {
    const batch = Math.min(8, count - keys.length);
    const got = await Promise.all(Array.from({ length: batch }, () => rpcCall(address, 'auth.login', [BENCH_USER, BENCH_PASSWORD])));
    for (const { value } of got) {
      if (typeof value !== 'string') throw new Error('auth.login did not return a session key');
      keys.push(value);
    }
  }
  return keys;
}

/** One load configuration's numbers: the generator's, and the server process's over the same window. */
export interface LoadResult {
  readonly method: string;
  readonly clients: number;
  readonly calls: number;
  readonly callsPerSecond: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly latencyMs: LatencyMs;
  readonly errors: number;
  readonly errorSamples?: ReadonlyArray<string>;
  readonly responseBytes: number;
  /** CPU of the server process over the window, % of one core (threads included: can pass 100). */
  readonly serverCpuPercent: number;
  /** Share of the window the server's event loop was busy (0..1). */
  readonly serverEventLoopUtilization: number;
  readonly serverEventLoopDelayMaxMs: number;
  readonly serverRssMaxMB: number;
  /** The window as the server process saw it (the generator's messages reach it late when its loop is blocked). */
  readonly serverWindowMs: number;
  readonly loadCpuPercent: number;
}

export interface LoadOptions {
  readonly method: string;
  readonly clients: number;
  readonly bodies: ReadonlyArray<string>;
  readonly warmupMs?: number;
  readonly durationMs?: number;
  /** Called when the measured window opens and when it closes. */
  readonly onWindow?: (phase: 'measure' | 'drain') => void;
}

/**
 * Runs the load generator (`api-load.js`) in a child process against `address` and measures this process
 * (the server's) over the generator's measured window: CPU, event loop utilisation and delay, peak RSS.
 */
export function runLoad(address: ListenAddress, options: LoadOptions): Promise<LoadResult> {
  const spec: LoadSpec = {
    host: address.host,
    port: address.port,
    path: RPC_PATH,
    concurrency: options.clients,
    warmupMs: options.warmupMs ?? 1000,
    durationMs: options.durationMs ?? 10_000,
    bodies: options.bodies,
  };
  const script = fileURLToPath(new URL('./api-load.js', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(spec));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let cpu0 = process.cpuUsage();
  let elu0 = performance.eventLoopUtilization();
  let windowStart = performance.now();
  let server: { cpu: number; elu: number; delayMax: number; windowMs: number } | null = null;
  let rssMax = 0;
  let rssTimer: NodeJS.Timeout | null = null;
  let report: LoadReport | null = null;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const message = JSON.parse(line) as { phase: string; report?: LoadReport };
    if (message.phase === 'measure') {
      cpu0 = process.cpuUsage();
      elu0 = performance.eventLoopUtilization();
      windowStart = performance.now();
      delay.reset();
      delay.enable();
      rssMax = process.memoryUsage.rss();
      rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 100);
      options.onWindow?.('measure');
    } else if (message.phase === 'drain') {
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0);
      const ms = performance.now() - windowStart;
      delay.disable();
      if (rssTimer) clearInterval(rssTimer);
      server = { cpu: ((cpu.user + cpu.system) / 1000 / ms) * 100, elu: elu.utilization, delayMax: delay.max / 1e6, windowMs: ms };
      options.onWindow?.('drain');
    } else if (message.phase === 'done' && message.report) {
      report = message.report;
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (rssTimer) clearInterval(rssTimer);
      if (code !== 0 || !report || !server) {
        reject(new Error(`the load generator failed (exit ${String(code)})`));
        return;
      }
      const r: LoadReport = report;
      resolve({
        method: options.method,
        clients: options.clients,
        calls: r.calls,
        callsPerSecond: r.callsPerSecond,
        seconds: r.seconds,
        warmupSeconds: spec.warmupMs / 1000,
        latencyMs: r.latencyMs,
        errors: r.errors + r.warmupErrors,
        ...(r.errorSamples.length > 0 ? { errorSamples: r.errorSamples } : {}),
        responseBytes: r.responseBytes,
        serverCpuPercent: Math.round(server.cpu),
        serverEventLoopUtilization: Math.round(server.elu * 100) / 100,
        serverEventLoopDelayMaxMs: Math.round(server.delayMax),
        serverRssMaxMB: Math.round(rssMax / 2 ** 20),
        serverWindowMs: Math.round(server.windowMs),
        loadCpuPercent: r.loadCpuPercent,
      });
    });
  });
}

/** The 1-, 5- and 15-minute load averages when a scenario starts: these machines are shared. */
export function machineLoad(): number[] {
  return loadavg().map((n) => Math.round(n * 100) / 100);
}
