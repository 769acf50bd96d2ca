import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartIf } from '@taskomatic/shared';
import { DEFAULT_CONFIG, type ServerConfig } from '../../src/config/server-config.js';
import { type Database, type Dialect, openStore } from '../../src/db/connect.js';
import { FakeClock } from '../../src/engine/fake-clock.js';
import type { Clock } from '../../src/engine/clock.js';
import type { EngineOptions } from '../../src/engine/engine.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { storeLocation } from '../../src/store-target.js';
import type { RunnableTask } from '../../src/runner/task.js';
import { createScratchDatabase, type ScratchDatabase } from './postgres.js';

/** A fresh temporary data folder; removed by the returned function. */
export function tempDataDir(prefix = 'taskomatic-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface HarnessOptions {
  /** The store: SQLite in the data folder, or a scratch PostgreSQL database of its own (default: sqlite). */
  readonly dialect?: Dialect;
  /** The PostgreSQL database to run on again (set by `restart`). */
  readonly scratch?: ScratchDatabase;
  readonly clock?: Clock;
  readonly tasks?: ReadonlyArray<RunnableTask>;
  readonly config?: ServerConfig;
  readonly engine?: Partial<EngineOptions>;
  readonly dataDir?: string;
  /** Keep the default schedules the seed installs (default: they are ended, so tests see only their own runs). */
  readonly keepDefaultSchedules?: boolean;
}

/** A server on a temporary folder with a fake clock (unless given another), no HTTP. */
export interface Harness {
  readonly server: RunningServer;
  readonly clock: Clock;
  readonly dataDir: string;
  /** Opens the server's store again, beside it (to look at or change what it wrote; the caller closes it). */
  openDatabase(options?: { readonly readonly?: boolean }): Promise<Database>;
  /** Restarts on the same folder and store (after `server.stop()` or a simulated crash). */
  restart(options?: Partial<HarnessOptions>): Promise<Harness>;
  /** Stops and removes the folder. */
  dispose(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const folder = options.dataDir ? { path: options.dataDir, remove: () => undefined } : tempDataDir();
  const clock = options.clock ?? new FakeClock('2027-01-04T10:00:00Z');
  const scratch = options.scratch ?? (options.dialect === 'postgres' ? await createScratchDatabase() : undefined);
  const target = { dataDir: folder.path, database: scratch?.url ?? null };
  const server = await startServer({
    dataDir: folder.path,
    ...(scratch ? { database: scratch.url } : {}),
    config: options.config ?? DEFAULT_CONFIG,
    listen: null,
    clock,
    extraTasks: options.tasks ?? [],
    // Tests move the fake clock by hours and days: an hourly heartbeat (not every 10 s) keeps its timers, each a
    // database write, few. Tests of the heartbeat itself set it.
    engine: { heartbeatMs: 3_600_000, ...options.engine },
  }).catch((error: unknown) => {
    if (!options.scratch) scratch?.release();
    throw error;
  });
  // A PostgreSQL server answers over a socket: time moves on only once it has answered what is under way.
  if (clock instanceof FakeClock) clock.waitWhile(() => server.database.queriesUnderWay() > 0);
  if (!options.keepDefaultSchedules && !options.dataDir) {
    const seeded = await server.database.db.selectFrom('schedules').select('id').where('created_by', '=', 'installer').execute();
    for (const { id } of seeded) await server.schedules.unschedule(Number(id), 'test-harness');
  }
  const harness: Harness = {
    server,
    clock,
    dataDir: folder.path,
    openDatabase: (more = {}) => openStore(storeLocation(target), more),
    restart: (more = {}) => startHarness({ ...options, ...more, dataDir: folder.path, ...(scratch ? { scratch } : {}) }),
    async dispose() {
      await server.stop(0).catch(() => undefined);
      folder.remove();
      scratch?.release();
    },
  };
  return harness;
}

/** Adds a bunch of `steps` (task, start_if) and tells the engine. Returns its id. */
export async function addBunch(
  server: RunningServer,
  name: string,
  steps: ReadonlyArray<readonly [task: string, startIf?: StartIf]>,
  options: { orgBunch?: boolean } = {},
): Promise<number> {
  const db = server.database.db;
  const { id } = await db
    .insertInto('bunches')
    .values({ name, description: `test bunch ${name}`, org_bunch: options.orgBunch ? 1 : 0, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('bunch_steps')
    .values(steps.map(([task, startIf], position) => ({ bunch_id: id, position, task, start_if: startIf ?? null })))
    .execute();
  await server.engine.bunchesChanged();
  return Number(id);
}

/** Adds an org; returns its id. */
export async function addOrg(server: RunningServer, name: string): Promise<number> {
  const { id } = await server.database.db.insertInto('orgs').values({ name, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Waits (without sleeping on the clock) until `check` returns a value other than undefined/false. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what = 'condition', rounds = 2000): Promise<T> {
  for (let i = 0; i < rounds; i++) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, i < 50 ? 0 : 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Bunch runs as stored, oldest first. */
export async function bunchRuns(server: RunningServer, scheduleId?: number) {
  let query = server.database.db.selectFrom('bunch_runs').selectAll().orderBy('due_at').orderBy('id');
  if (scheduleId !== undefined) query = query.where('schedule_id', '=', scheduleId);
  return query.execute();
}

/** Task runs as stored, in id order. */
export async function taskRuns(server: RunningServer, bunchRunId?: number) {
  let query = server.database.db.selectFrom('task_runs').selectAll().orderBy('id');
  if (bunchRunId !== undefined) query = query.where('bunch_run_id', '=', bunchRunId);
  return query.execute();
}
