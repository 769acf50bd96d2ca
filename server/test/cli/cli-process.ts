import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The tests run the built command line as an administrator would: a child process of `node`. Vitest runs the
// TypeScript sources, so a missing build would otherwise show up as a confusing module-not-found error.

const BIN = fileURLToPath(new URL('../../bin/taskomatic-server.js', import.meta.url));
const BUILT_MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Fails with a clear message when the command line has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: build first (npx tsc -b at the repository root; npm test builds too)`);
  }
}

/** How a command line run ended. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
}

/** Starts `taskomatic-server ...args`; the caller reads and ends it. */
export function startCli(args: ReadonlyArray<string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
}

/** Runs `taskomatic-server ...args` with `input` on stdin (default: none) and collects what it wrote. */
export function runCli(args: ReadonlyArray<string>, input = ''): Promise<CliResult> {
  return finished(startCli(args), input);
}

/** Feeds `input` to a started command line and waits until it exits. */
export function finished(child: ChildProcessWithoutNullStreams, input = ''): Promise<CliResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (data: Buffer) => stdout.push(data));
  child.stderr.on('data', (data: Buffer) => stderr.push(data));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const bytes = Buffer.concat(stdout);
      resolve({ code, stdout: bytes.toString('utf8'), stdoutBytes: bytes, stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}
