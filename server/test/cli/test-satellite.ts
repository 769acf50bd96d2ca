import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/server-config.js';
import { listRuns, type RunView } from '../../src/db/repos/runs-repo.js';
import { writeSettings } from '../../src/db/repos/settings-repo.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { builtinTask } from '../../src/runner/builtin/builtin-task.js';
import type { RunnableTask } from '../../src/runner/task.js';

/** Lines the `cli-output` task writes to stdout: more than one 1 MiB piece of `log`. */
export const OUTPUT_LINES = 70_000;
const STDOUT_LINES = Array.from({ length: OUTPUT_LINES }, (_, i) => `stdout line ${String(i + 1).padStart(6, '0')}\n`);
/** What `cli-output` writes to stdout: `stdout line 000001\n` ... */
export const EXPECTED_STDOUT = STDOUT_LINES.join('');
export const EXPECTED_STDERR = 'warning: the cache was cold\n';
/** The reason `cli-fail` fails with (two lines: tables must show it on one). */
export const FAIL_MESSAGE = 'disk full\nwhile writing /var/cache/report';

/** A promise the test opens when it is ready: lets a task stay running while the test looks at it. */
export class Gate {
  #open!: () => void;
  readonly opened = new Promise<void>((resolve) => {
    this.#open = resolve;
  });

  open(): void {
    this.#open();
  }
}

/** The tasks the tests run, besides the server's own. */
export function testTasks(gate: Gate): RunnableTask[] {
  return [
    builtinTask({
      name: 'cli-output',
      description: 'writes a known stdout and stderr',
      parallelizable: true,
      timeoutMs: 60_000,
      scope: 'any',
      async body({ output }) {
        for (let i = 0; i < OUTPUT_LINES; i += 10_000) {
          output.write('stdout', STDOUT_LINES.slice(i, i + 10_000).join(''));
        }
        output.write('stderr', EXPECTED_STDERR);
      },
    }),
    builtinTask({
      name: 'cli-fail',
      description: 'fails',
      parallelizable: true,
      timeoutMs: 60_000,
      scope: 'any',
      async body() {
        throw new Error(FAIL_MESSAGE);
      },
    }),
    builtinTask({
      name: 'cli-gated',
      description: 'writes a line, waits for the test, writes another',
      parallelizable: true,
      timeoutMs: 60_000,
      scope: 'any',
      async body({ output }) {
        output.write('stdout', 'first\n');
        await gate.opened;
        output.write('stdout', 'second\n');
      },
    }),
  ];
}

/** A fresh data folder with a server running on it (no HTTP listener). */
export async function startTestServer(gate: Gate): Promise<{ readonly dataDir: string; readonly server: RunningServer }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskomatic-cli-'));
  const server = await startServer({ dataDir, config: DEFAULT_CONFIG, listen: null, extraTasks: testTasks(gate) });
  return { dataDir, server };
}

/** Adds a bunch of `tasks` (run one after the other, whatever the outcome) and returns its id. */
export async function addBunch(server: RunningServer, name: string, tasks: ReadonlyArray<string>, orgBunch = false): Promise<number> {
  const now = Date.now();
  const db = server.database.db;
  const { id } = await db
    .insertInto('bunches')
    .values({ name, description: `test bunch ${name}`, org_bunch: orgBunch ? 1 : 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('bunch_steps')
    .values(tasks.map((task, position) => ({ bunch_id: Number(id), position, task, start_if: null })))
    .execute();
  await server.engine.bunchesChanged();
  return Number(id);
}

/** Adds an org and returns its id. */
export async function addOrg(server: RunningServer, name: string): Promise<number> {
  const { id } = await server.database.db
    .insertInto('orgs')
    .values({ name, created_at: Date.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Changes the per-stream log cap for the runs that start from now on. */
export async function setLogCap(server: RunningServer, bytes: number): Promise<void> {
  await writeSettings(server.database.db, { log_cap_bytes: bytes }, Date.now());
  await server.reloadSettings();
}

/** Polls (every 20 ms) until `check` gives a value, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs a bunch now and waits until each of its `steps` task runs has ended; returns them in step order. */
export async function runBunch(server: RunningServer, bunchId: number, steps: number, orgId: number | null = null): Promise<RunView[]> {
  const record = await server.engine.runNow({ bunchId, orgId, requestedBy: 'test' });
  return waitFor(`bunch run ${record.id}`, async () => {
    const runs = await listRuns(server.database.db, { limit: 1000 });
    const own = runs.filter((r) => r.bunchRunId === record.id && r.endTime !== null);
    return own.length === steps ? own.sort((a, b) => a.position - b.position) : undefined;
  });
}
