import { parseConfig } from '../../../src/config/server-config.js';
import type { Dialect } from '../../../src/db/connect.js';
import { type RunningServer, startServer } from '../../../src/main.js';
import { createJsonLogger, type Logger } from '../../../src/logger.js';
import { addBunch, bunchRuns, taskRuns } from '../../support/harness.js';
import { newStoreUnderTest } from '../../support/store-under-test.js';
import { waitFor } from './poll.js';

/** One line of the server's own log, as it writes it (JSON). */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A JSON logger whose lines are kept, parsed, for the test to read. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createJsonLogger((line) => lines.push(JSON.parse(line) as LogLine), { level: 'debug' });
  return { logger, lines };
}

/** A real server in this process: system clock, a real database, real child processes, no HTTP. */
export interface IntegrationServer {
  readonly server: RunningServer;
  readonly dataDir: string;
  /** What the server logged so far. */
  readonly log: LogLine[];
  /** Stops the server (grace 0) and removes its folder (and gives its database back). */
  dispose(): Promise<void>;
}

/**
 * Starts a server on a fresh temporary folder (SQLite in it, or a scratch PostgreSQL database) with the
 * configuration `yaml` (checked by `parseConfig`, as the CLI checks a file). The seeded default schedules are
 * ended so that only the test's own runs happen.
 */
export async function startIntegrationServer(yaml: string, dialect: Dialect = 'sqlite'): Promise<IntegrationServer> {
  const store = await newStoreUnderTest(dialect, 'taskomatic-it-');
  const { logger, lines } = capturingLogger();
  const server = await startServer({
    dataDir: store.dataDir,
    ...(store.database ? { database: store.database } : {}),
    config: parseConfig(yaml, 'test.yaml'),
    listen: null,
    logger,
  });
  const seeded = await server.database.db.selectFrom('schedules').select('id').where('created_by', '=', 'installer').execute();
  for (const { id } of seeded) await server.schedules.unschedule(Number(id), 'integration-test');
  return {
    server,
    dataDir: store.dataDir,
    log: lines,
    async dispose() {
      await server.stop(0).catch(() => undefined);
      await store.dispose();
    },
  };
}

/** Adds a satellite-level bunch of one step running `task`; returns the bunch id. */
export function oneStepBunch(server: RunningServer, task: string, name = `${task}-bunch`): Promise<number> {
  return addBunch(server, name, [[task]]);
}

const ENDED = new Set(['FINISHED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED', 'INTERRUPTED', 'MISSED']);

/** True for a status a run does not leave. */
export function isEnded(status: string): boolean {
  return ENDED.has(status);
}

/** Runs a bunch now (satellite-level) with `params`; returns the bunch run id. */
export async function runNow(server: RunningServer, bunchId: number, params: Record<string, unknown> = {}): Promise<number> {
  const record = await server.engine.runNow({ bunchId, params, requestedBy: 'integration-test' });
  return record.id;
}

/** Waits until a bunch run has ended; returns its row. */
export async function waitForBunchRunEnd(server: RunningServer, bunchRunId: number, timeoutMs = 10_000) {
  return waitFor(
    async () => {
      const row = await server.database.db.selectFrom('bunch_runs').selectAll().where('id', '=', bunchRunId).executeTakeFirst();
      return row && isEnded(row.status) ? row : undefined;
    },
    `bunch run ${bunchRunId} to end`,
    { timeoutMs },
  );
}

/** The single task run of a one-step bunch run, once it exists. */
export async function onlyTaskRun(server: RunningServer, bunchRunId: number) {
  return waitFor(async () => (await taskRuns(server, bunchRunId))[0], `the task run of bunch run ${bunchRunId}`);
}

/** Waits until the task run of a one-step bunch run has `status`; returns its row. */
export async function waitForTaskStatus(server: RunningServer, bunchRunId: number, status: string, timeoutMs = 10_000) {
  return waitFor(
    async () => {
      const [row] = await taskRuns(server, bunchRunId);
      return row?.status === status ? row : undefined;
    },
    `the task run of bunch run ${bunchRunId} to be ${status}`,
    { timeoutMs },
  );
}

export { bunchRuns, taskRuns };
