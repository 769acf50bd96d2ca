import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LogLine } from './integration-server.js';
import { waitFor } from './poll.js';

/** The command line as installed: bin/taskomatic-server.js, which runs the compiled server in server/dist. */
export const CLI_BIN = fileURLToPath(new URL('../../../bin/taskomatic-server.js', import.meta.url));
const CLI_MAIN = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));

/** Fails with a clear message when the server has not been built (these tests run the compiled CLI). */
export function requireBuiltCli(): void {
  if (!existsSync(CLI_MAIN)) {
    throw new Error(`${CLI_MAIN} is missing: the CLI tests run the compiled server; build it first (npx tsc -b, or npm test, which builds)`);
  }
}

/** How a CLI process ended. */
export interface CliExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A `taskomatic-server` process: its JSON log lines (stdout), its stderr, and its exit. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly lines: LogLine[] = [];
  /** Lines of stdout that are not JSON (there should be none). */
  readonly otherStdout: string[] = [];
  stderr = '';
  readonly exited: Promise<CliExit>;
  exit: CliExit | null = null;
  #partial = '';

  constructor(args: ReadonlyArray<string>) {
    this.child = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => this.#take(text));
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the CLI did not start');
    return this.child.pid;
  }

  /** Waits for a log line matching `match`; fails early, with the stderr, if the process ends first. */
  waitForLine(match: (line: LogLine) => boolean, what: string, timeoutMs = 15_000): Promise<LogLine> {
    return waitFor(
      () => {
        const line = this.lines.find(match);
        if (line) return line;
        if (this.exit) throw new Error(`the CLI exited (${JSON.stringify(this.exit)}) before ${what}; stderr: ${this.stderr}`);
        return undefined;
      },
      what,
      { timeoutMs },
    );
  }

  /** Waits for `server started`. */
  started(timeoutMs = 15_000): Promise<LogLine> {
    return this.waitForLine((l) => l.msg === 'server started', "'server started'", timeoutMs);
  }

  /** Kills the process if it still runs (cleanup). */
  async kill(): Promise<void> {
    if (!this.exit) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  #take(text: string): void {
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) {
      if (part === '') continue;
      try {
        this.lines.push(JSON.parse(part) as LogLine);
      } catch {
        this.otherStdout.push(part);
      }
    }
  }
}

/** Runs a CLI command that is expected to end by itself; fails if it runs longer than `timeoutMs`. */
export async function runCli(args: ReadonlyArray<string>, timeoutMs = 15_000): Promise<CliProcess & { exit: CliExit; elapsedMs: number }> {
  const started = Date.now();
  const cli = new CliProcess(args);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cli.child.kill('SIGKILL');
      reject(new Error(`taskomatic-server ${args.join(' ')} still ran after ${timeoutMs} ms; stderr: ${cli.stderr}`));
    }, timeoutMs);
  });
  try {
    await Promise.race([cli.exited, timedOut]);
  } finally {
    clearTimeout(timer);
  }
  return Object.assign(cli, { exit: cli.exit as CliExit, elapsedMs: Date.now() - started });
}
