import { spawn, type ChildProcess } from 'node:child_process';
import { homedir } from 'node:os';
import type { Readable } from 'node:stream';
import type { Clock, TimerHandle } from '../../engine/clock.js';
import type { TaskOutput, TaskResult } from '../task.js';
import { describeSpawnError } from './spawn-error.js';

/** What to run and where its output goes. */
export interface ProcessOptions {
  /** Absolute path of the program; it is executed directly, never through a shell. */
  readonly executable: string;
  /** Arguments, each passed as it is. */
  readonly args: ReadonlyArray<string>;
  /** Extra environment variables, on top of the minimal environment (and overriding it). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly cwd?: string | undefined;
  readonly output: TaskOutput;
  /** Aborting it, for whatever reason, stops the process group: SIGTERM, then SIGKILL after `killGraceMs`. */
  readonly signal: AbortSignal;
  readonly killGraceMs: number;
  readonly clock: Clock;
  /** Where PATH, HOME and TZ are taken from (default: the server's own environment). */
  readonly serverEnv?: Readonly<Record<string, string | undefined>> | undefined;
  /** Told the process id (also its process group id) once the program has started. */
  readonly onStart?: ((pid: number) => void) | undefined;
}

/** How the process ended; `pid` is null when it never started. */
export interface ProcessResult extends TaskResult {
  readonly pid: number | null;
}

/**
 * How long to wait, once the program has exited, for its output pipes to close. They stay open as long as a
 * stray child still holds them; after this the rest of the group is killed and the pipes are closed from our side.
 */
const PIPE_DRAIN_MS = 2_000;

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Runs a program to its end and never throws: a program that cannot start resolves with `error` in words.
 * The program gets its own process group (so that stopping it stops everything it started), no stdin and a
 * minimal environment (PATH, LANG=C.UTF-8, HOME, TZ when set, plus `env`): the server's own variables, which may
 * hold secrets, are not passed on. Its stdout and stderr go to `output` chunk by chunk as they arrive.
 */
export function runProcess(options: ProcessOptions): Promise<ProcessResult> {
  const { executable, signal } = options;
  if (signal.aborted) {
    return Promise.resolve(notStarted(`executable ${executable} was not started: the run was stopped before it began`));
  }
  let child: ChildProcess;
  try {
    child = spawn(executable, [...options.args], {
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: commandEnvironment(options),
      cwd: options.cwd,
    });
  } catch (error) {
    // Some spawn failures (ENOTDIR, E2BIG, a NUL byte in an argument...) are thrown instead of emitted.
    return Promise.resolve(notStarted(describeSpawnError(error, executable, options.cwd)));
  }
  if (child.pid !== undefined) options.onStart?.(child.pid);
  return new Promise((resolve) => supervise(child, options, resolve));
}

/** Follows one started child until it has exited and its pipes are closed, then resolves once. */
function supervise(child: ChildProcess, options: ProcessOptions, resolve: (result: ProcessResult) => void): void {
  const { signal, clock, output } = options;
  const pid = child.pid ?? null;
  const streams: ReadonlyArray<readonly ['stdout' | 'stderr', Readable | null]> = [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ];
  let openStreams = streams.length;
  let exited: { readonly code: number | null; readonly signal: string | null } | null = null;
  let problem: string | null = null;
  let killTimer: TimerHandle | null = null;
  let drainTimer: TimerHandle | null = null;
  let done = false;

  const signalGroup = (name: 'SIGTERM' | 'SIGKILL'): void => {
    if (pid === null) return;
    try {
      process.kill(-pid, name); // negative pid: the whole group, which detached: true made the child lead
    } catch {
      // ESRCH: nobody is left in the group.
    }
  };

  const finish = (result: ProcessResult): void => {
    if (done) return;
    done = true;
    killTimer?.cancel();
    drainTimer?.cancel();
    signal.removeEventListener('abort', onAbort);
    resolve(result);
  };

  const finishIfComplete = (): void => {
    if (exited && openStreams === 0) finish({ exitCode: exited.code, signal: exited.signal, error: problem, pid });
  };

  function onAbort(): void {
    signalGroup('SIGTERM');
    killTimer ??= clock.setTimeout(() => signalGroup('SIGKILL'), options.killGraceMs);
  }

  for (const [name, stream] of streams) {
    if (!stream) {
      openStreams -= 1;
      continue;
    }
    stream.on('data', (chunk: Buffer) => {
      try {
        output.write(name, chunk);
      } catch (error) {
        problem ??= `the output could not be stored: ${(error as Error).message}`;
      }
    });
    stream.on('error', (error) => void (problem ??= `reading ${name} failed: ${error.message}`));
    stream.once('close', () => {
      openStreams -= 1;
      finishIfComplete();
    });
  }

  child.once('error', (error) => {
    // Emitted without a pid when the program could not start (ENOENT, EACCES): there is nothing to wait for.
    if (pid === null) finish(notStarted(describeSpawnError(error, options.executable, options.cwd)));
    else problem ??= error.message;
  });

  child.once('exit', (code, exitSignal) => {
    exited = { code, signal: exitSignal };
    // The program is done, but children it left behind in its group may still run and hold our end of the
    // pipes open, so 'close' would never come and the run would never end. The run is over: stop them too.
    // (Its pid cannot name an unrelated group yet: a pid is not reused while a group of that id has members.)
    signalGroup('SIGTERM');
    drainTimer = clock.setTimeout(() => {
      // Still open: a child ignored SIGTERM, or left the group (setsid) while keeping the pipes.
      signalGroup('SIGKILL');
      for (const [, stream] of streams) stream?.destroy();
    }, PIPE_DRAIN_MS);
    finishIfComplete();
  });

  signal.addEventListener('abort', onAbort, { once: true });
}

function notStarted(error: string): ProcessResult {
  return { exitCode: null, signal: null, error, pid: null };
}

/** The minimal environment of a command, plus the task's own variables. */
function commandEnvironment(options: ProcessOptions): Record<string, string> {
  const server = options.serverEnv ?? process.env;
  return {
    PATH: server['PATH'] ?? DEFAULT_PATH,
    LANG: 'C.UTF-8',
    HOME: server['HOME'] ?? homedir(),
    ...(server['TZ'] === undefined ? {} : { TZ: server['TZ'] }),
    ...options.env,
  };
}
