import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, parseConfig, type ServerConfig } from '../config/server-config.js';
import { openSqlite } from '../db/connect.js';
import { dataFolder } from '../data-folder.js';
import { startServer } from '../main.js';
import type { RunnableTask } from '../runner/task.js';
import {
  addBunch,
  endDefaultSchedules,
  insertSchedules,
  probeTask,
  type ScenarioResult,
  scratchFolder,
  sleep,
  summary,
} from './bench-support.js';

interface Prepared {
  readonly dataDir: string;
  readonly remove: () => void;
}

/** A data folder with a migrated database, the default schedules ended, and `fill` applied. */
async function prepare(name: string, tasks: ReadonlyArray<RunnableTask>, config: ServerConfig, fill: (file: string) => Promise<void>): Promise<Prepared> {
  const folder = scratchFolder(name);
  const first = await startServer({ dataDir: folder.path, config, listen: null, extraTasks: tasks });
  await first.stop(0);
  await fill(dataFolder(folder.path).databaseFile);
  return { dataDir: folder.path, remove: folder.remove };
}

async function withDatabase(file: string, work: (db: ReturnType<typeof openSqlite>['db']) => Promise<void>): Promise<void> {
  const database = openSqlite({ file });
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

/**
 * Fire lateness: `count` cron schedules, schedule i firing every minute at second i mod 60, on the real clock
 * for `seconds`. Lateness is when the probe task actually began minus when its fire was due.
 */
export async function lateness(count: number, seconds: number): Promise<ScenarioResult> {
  const probe = probeTask();
  const prepared = await prepare(`lateness-${count}`, [probe], DEFAULT_CONFIG, (file) =>
    withDatabase(file, async (db) => {
      await endDefaultSchedules(db);
      const bunch = await addBunch(db, 'probe-bunch', probe.name);
      await insertSchedules(db, bunch, count, (i) => ({ cron: `${i % 60} * * * * ?` }));
    }),
  );
  const t0 = Date.now();
  const server = await startServer({ dataDir: prepared.dataDir, config: DEFAULT_CONFIG, listen: null, extraTasks: [probe] });
  const startupMs = Date.now() - t0;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await sleep(seconds * 1000);
  delay.disable();
  const rss = process.memoryUsage().rss;
  await server.stop(5000);
  const rows: Array<{ id: number; due: number }> = [];
  await withDatabase(dataFolder(prepared.dataDir).databaseFile, async (db) => {
    const result = await db
      .selectFrom('task_runs as t')
      .innerJoin('bunch_runs as r', 'r.id', 't.bunch_run_id')
      .select(['t.id', 'r.due_at'])
      .where('r.trigger', '=', 'cron')
      .where('t.position', '=', 0)
      .execute();
    rows.push(...result.map((r) => ({ id: Number(r.id), due: Number(r.due_at) })));
  });
  prepared.remove();
  // Fires due while the server was still starting wait for it: counted apart from the steady state.
  const ready = t0 + startupMs + 1000;
  const measured = rows.filter((r) => probe.started.has(r.id));
  const lateness = (r: { id: number; due: number }) => (probe.started.get(r.id) as number) - r.due;
  const steady = measured.filter((r) => r.due >= ready).map(lateness);
  return {
    scenario: `lateness-${count}`,
    schedules: count,
    seconds,
    fires: steady.length,
    firesPerSecond: Math.round(measured.length / seconds),
    latenessMs: summary(steady),
    duringStartupLatenessMs: summary(measured.filter((r) => r.due < ready).map(lateness)),
    startupMs,
    rssMB: Math.round(rss / 2 ** 20),
    eventLoopDelayMaxMs: Math.round(delay.max / 1e6),
  };
}

/**
 * Run throughput: `count` one-time schedules of a bunch with one step of `task`, all due at the same instant;
 * runs recorded per second = count / (last end - due). Every run is committed (FINISHED) when counted.
 */
export async function burst(name: string, task: string, count: number, config: ServerConfig, tasks: ReadonlyArray<RunnableTask> = []): Promise<ScenarioResult> {
  const dueIn = 4000;
  let due = 0;
  const prepared = await prepare(name, tasks, config, (file) =>
    withDatabase(file, async (db) => {
      await endDefaultSchedules(db);
      const bunch = await addBunch(db, `${task}-bunch`, task);
      due = Math.ceil((Date.now() + dueIn) / 1000) * 1000 + 2000;
      await insertSchedules(db, bunch, count, () => ({ runAt: due }));
    }),
  );
  const server = await startServer({ dataDir: prepared.dataDir, config, listen: null, extraTasks: tasks });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let finished = 0;
  const deadline = due + 120_000;
  while (Date.now() < deadline) {
    await sleep(250);
    if (Date.now() < due) continue;
    const row = await server.database.db
      .selectFrom('bunch_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ended_at', 'is not', null)
      .executeTakeFirstOrThrow();
    finished = Number(row.n);
    if (finished >= count) break;
  }
  delay.disable();
  const stats = await server.database.db
    .selectFrom('bunch_runs')
    .select((eb) => [eb.fn.max('ended_at').as('last'), eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'FINISHED')
    .executeTakeFirstOrThrow();
  const starts = await server.database.db.selectFrom('bunch_runs').select(['started_at', 'due_at']).where('started_at', 'is not', null).execute();
  await server.stop(5000);
  prepared.remove();
  const seconds = (Number(stats.last) - due) / 1000;
  return {
    scenario: name,
    runs: count,
    finished: Number(stats.n),
    seconds: Math.round(seconds * 100) / 100,
    runsPerSecond: Math.round(Number(stats.n) / seconds),
    startLatenessMs: summary(starts.map((s) => Number(s.started_at) - Number(s.due_at))),
    eventLoopDelayMaxMs: Math.round(delay.max / 1e6),
  };
}

/** Log ingestion: one command writing `megabytes` MB to stdout; MB/s from its start to its end. */
export async function logIngestion(megabytes: number): Promise<ScenarioResult> {
  const bytes = megabytes * 1024 * 1024;
  const config = parseConfig(
    `tasks:\n  flood:\n    description: writes ${megabytes} MB to stdout\n    executable: /usr/bin/head\n    args: ["-c", "${bytes}", "/dev/zero"]\n    timeout: 10m\n`,
    'benchmark',
  );
  const prepared = await prepare('log-ingestion', [], config, (file) =>
    withDatabase(file, async (db) => {
      await endDefaultSchedules(db);
      await addBunch(db, 'flood-bunch', 'flood');
      await db.updateTable('settings').set({ value: String(2 * bytes) }).where('key', '=', 'log_cap_bytes').execute();
    }),
  );
  const server = await startServer({ dataDir: prepared.dataDir, config, listen: null });
  const bunch = await server.database.db.selectFrom('bunches').select('id').where('name', '=', 'flood-bunch').executeTakeFirstOrThrow();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const run = await server.engine.runNow({ bunchId: Number(bunch.id), requestedBy: 'bench' });
  let row;
  for (;;) {
    await sleep(100);
    row = await server.database.db.selectFrom('task_runs').selectAll().where('bunch_run_id', '=', run.id).executeTakeFirst();
    if (row?.ended_at) break;
  }
  delay.disable();
  await server.stop(5000);
  prepared.remove();
  const seconds = (Number(row.ended_at) - Number(row.started_at)) / 1000;
  return {
    scenario: 'log-ingestion',
    status: row.status,
    storedMB: Math.round(Number(row.stdout_bytes) / 2 ** 20),
    seconds: Math.round(seconds * 100) / 100,
    mbPerSecond: Math.round(Number(row.stdout_bytes) / 2 ** 20 / seconds),
    eventLoopDelayMaxMs: Math.round(delay.max / 1e6),
  };
}

/** Memory and start-up with `count` schedules: a prepared database, then a fresh process starts on it. */
export async function footprint(count: number): Promise<ScenarioResult> {
  const prepared = await prepare(`footprint-${count}`, [], DEFAULT_CONFIG, (file) =>
    withDatabase(file, async (db) => {
      await endDefaultSchedules(db);
      const bunch = await addBunch(db, 'noop-bunch', 'noop');
      // At a spread of seconds and minutes in 2099: nothing fires during the measurement.
      await insertSchedules(db, bunch, count, (i) => ({ cron: `${i % 60} ${Math.floor(i / 60) % 60} * * * ? 2099` }));
    }),
  );
  // The first start computes every next fire; the measured start is the next one, as after a restart.
  const warm = await startServer({ dataDir: prepared.dataDir, config: DEFAULT_CONFIG, listen: null });
  await warm.stop(0);
  try {
    return await measureInFreshProcess(prepared.dataDir, count);
  } finally {
    prepared.remove();
  }
}

/** Runs `footprint-measure DIR` in a new process, so the memory measured is the server's alone. */
function measureInFreshProcess(dataDir: string, count: number): Promise<ScenarioResult> {
  const runner = fileURLToPath(new URL('./scenario-runner.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', runner, 'footprint-measure', dataDir, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ScenarioResult) : reject(new Error(`measurement failed (${String(code)})`))));
  });
}

/** The measured part of `footprint`: start on a prepared folder, then a quiet spell. */
export async function footprintMeasure(dataDir: string, count: number): Promise<ScenarioResult> {
  const t0 = performance.now();
  const server = await startServer({ dataDir, config: DEFAULT_CONFIG, listen: null });
  const startupMs = Math.round(performance.now() - t0);
  const cpu0 = process.cpuUsage();
  const idleSeconds = 5;
  await sleep(idleSeconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const rss = process.memoryUsage().rss;
  global.gc?.();
  const rssAfterGc = process.memoryUsage().rss;
  const scheduled = server.engine.status().scheduled;
  await server.stop(0);
  return {
    scenario: `footprint-${count}`,
    schedules: scheduled,
    startupMs,
    rssMB: Math.round(rss / 2 ** 20),
    rssAfterGcMB: Math.round(rssAfterGc / 2 ** 20),
    idleCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (idleSeconds * 1000)) * 1000) / 10,
  };
}
