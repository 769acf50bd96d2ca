import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from './loopback-port.js';

/** A `taskomatic-server start` process: a server node exactly as an administrator runs one. */
export interface NodeProcess {
  readonly pid: number;
  readonly port: number;
  /** From spawning the process to its "server started" log line. */
  readonly startupMs: number;
  /** Log lines at level error since it started, with the first one's message: a healthy run has none. */
  errors(): { readonly count: number; readonly first: string | null };
  /** SIGTERM (a graceful stop), then SIGKILL when it is not gone within `graceMs`. Several calls are one. */
  stop(graceMs?: number): Promise<void>;
}

export interface NodeSpec {
  readonly dataDir: string;
  /** A PostgreSQL URL; null: SQLite in the data folder. */
  readonly database: string | null;
}

/** How long a node may take to start (a database of 100,000 schedules included). */
const START_TIMEOUT_MS = 60_000;
const BIN = fileURLToPath(new URL('../../bin/taskomatic-server.js', import.meta.url));

/** Starts a node on a free loopback port and resolves once it logs that it started (rejects if it exits first). */
export async function startNode(spec: NodeSpec): Promise<NodeProcess> {
  const port = await freeLoopbackPort();
  const args = [BIN, 'start', '--data', spec.dataDir, '--listen', `127.0.0.1:${port}`, ...(spec.database === null ? [] : ['--database', spec.database])];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
  const log = watchLog(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const outcome = await Promise.race([
    log.started.then(() => 'started' as const),
    exited.then(() => 'exited' as const),
    timeout(START_TIMEOUT_MS).then(() => 'timed out' as const),
  ]);
  if (outcome !== 'started') {
    child.kill('SIGKILL');
    await exited;
    throw new Error(outcome === 'exited' ? `the node exited while starting: ${log.tail()}` : `the node did not start within ${START_TIMEOUT_MS} ms: ${log.tail()}`);
  }
  const startupMs = Math.round(performance.now() - t0);
  let stopping: Promise<void> | null = null;
  return {
    pid: child.pid as number,
    port,
    startupMs,
    errors: () => log.errors,
    stop: (graceMs = 15_000) => {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(killer);
      })();
      return stopping;
    },
  };
}

interface NodeLog {
  readonly started: Promise<void>;
  readonly errors: { count: number; first: string | null };
  tail(): string;
}

/**
 * Reads the node's JSON log lines as they come (a pipe nobody reads would block the node once full), noting
 * the start, the errors, and the last lines of both streams for a failure message.
 */
function watchLog(child: ChildProcess): NodeLog {
  const last: string[] = [];
  const keep = (line: string): void => {
    last.push(line);
    if (last.length > 8) last.shift();
  };
  const errors = { count: 0, first: null as string | null };
  let onStart: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStart = resolve));
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    keep(line);
    const entry = parseLine(line);
    if (entry?.msg === 'server started') onStart();
    if (entry?.level === 'error') {
      errors.count++;
      errors.first ??= line.slice(0, 400);
    }
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', keep);
  return { started, errors, tail: () => last.join(' | ').slice(-1500) };
}

function parseLine(line: string): { msg?: unknown; level?: unknown } | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as { msg?: unknown; level?: unknown }) : null;
  } catch {
    return null;
  }
}

function timeout(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
