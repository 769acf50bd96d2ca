import { DEFAULT_CONFIG } from '../config/server-config.js';
import { dataFolder } from '../data-folder.js';
import { serializeMethodCall, type XmlRpcValue } from '@taskomatic/shared/xmlrpc';
import type { RunnableTask } from '../runner/task.js';
import { addBunch, endDefaultSchedules, insertSchedules, probeTask, type ScenarioResult, sleep, summary } from './bench-support.js';
import { BENCH_PASSWORD, BENCH_USER, type Db, type LoadResult, loginSessions, machineLoad, rpcCall, runLoad, startApiServer as startServerOn, withDatabase } from './api-support.js';

/**
 * The API benchmarks. Each starts a real server on a loopback port in this process and drives it from a
 * load generator in another process (`api-load.js`), so the two never share an event loop: calls per second
 * and latency as a client sees them, with the server process's CPU and event loop over the same window.
 * Every configuration: 1 s of warm-up (longer for slow calls with many clients), then 10 s measured.
 */

const CLIENTS = [1, 50] as const;

/** `auth.login` (a scrypt verification, ~90 ms of CPU by design, on libuv's thread pool), each call a new session. */
export async function apiLogin(): Promise<ScenarioResult> {
  const loadAverage = machineLoad();
  const api = await startApiServerPlain('api-login');
  try {
    await rpcCall(api.address, 'auth.login', [BENCH_USER, BENCH_PASSWORD]);
    const body = serializeMethodCall('auth.login', [BENCH_USER, BENCH_PASSWORD]);
    const results: LoadResult[] = [];
    for (const clients of CLIENTS) results.push(await runLoad(api.address, { method: 'auth.login', clients, bodies: [body] }));
    return { scenario: 'api-login', loadAverage, threadPoolSize: Number(process.env['UV_THREADPOOL_SIZE'] ?? 4), api: results };
  } finally {
    await api.stop();
    api.remove();
  }
}

/** Cheap authenticated reads, one session key per client: `settings.get` (no query) and `schedules.get` of one schedule. */
export async function apiRead(): Promise<ScenarioResult> {
  const loadAverage = machineLoad();
  const api = await startApiServer('api-read', async (db) => {
    await endDefaultSchedules(db);
    const bunch = await addBunch(db, 'noop-bunch', 'noop');
    await insertSchedules(db, bunch, 1, () => ({ cron: '0 30 3 * * ?' }));
    const row = await db.selectFrom('schedules').select('id').where('label', '=', 'bench-0').executeTakeFirstOrThrow();
    return Number(row.id);
  });
  try {
    const scheduleId = api.filled;
    const sessions = await loginSessions(api.address, Math.max(...CLIENTS));
    const calls: Array<{ method: string; params: (key: string) => Parameters<typeof serializeMethodCall>[1] }> = [
      { method: 'settings.get', params: (key) => [key] },
      { method: 'schedules.get', params: (key) => [key, { id: scheduleId }] },
    ];
    const results: LoadResult[] = [];
    for (const { method, params } of calls) {
      await rpcCall(api.address, method, params(sessions[0] as string));
      for (const clients of CLIENTS) {
        const bodies = sessions.slice(0, clients).map((key) => serializeMethodCall(method, params(key)));
        results.push(await runLoad(api.address, { method, clients, bodies }));
      }
    }
    return { scenario: 'api-read', loadAverage, startupMs: api.startupMs, api: results };
  } finally {
    await api.stop();
    api.remove();
  }
}

const CALENDAR_MIX = { everyMinute: 20, everyFiveMinutes: 30, hourly: 250, daily: 700 } as const;

/** Schedule i of the calendar benchmark's 1,000: seconds and minutes spread so fires do not all coincide. */
function calendarCron(i: number): string {
  const second = i % 60;
  const minute = (i * 7) % 60;
  if (i < CALENDAR_MIX.everyMinute) return `${second} * * * * ?`;
  if (i < CALENDAR_MIX.everyMinute + CALENDAR_MIX.everyFiveMinutes) return `${second} ${i % 5}/5 * * * ?`;
  if (i < CALENDAR_MIX.everyMinute + CALENDAR_MIX.everyFiveMinutes + CALENDAR_MIX.hourly) return `${second} ${minute} * * * ?`;
  return `${second} ${minute} ${i % 24} * * ?`;
}

/**
 * `calendar.range` over the coming week with 1,000 schedules of a no-op bunch (20 every minute, 30 every
 * 5 minutes, 250 hourly, 700 daily; the engine fires them meanwhile), default band threshold.
 */
export async function apiCalendar(): Promise<ScenarioResult> {
  const loadAverage = machineLoad();
  const count = Object.values(CALENDAR_MIX).reduce((a, b) => a + b, 0);
  const api = await startApiServer('api-calendar', async (db) => {
    await endDefaultSchedules(db);
    const bunch = await addBunch(db, 'noop-bunch', 'noop');
    await insertSchedules(db, bunch, count, (i) => ({ cron: calendarCron(i) }));
  });
  try {
    const sessions = await loginSessions(api.address, Math.max(...CLIENTS));
    const from = new Date(Math.floor(Date.now() / 1000) * 1000);
    const range = { from, to: new Date(from.getTime() + 7 * 86_400_000) };
    const t0 = performance.now();
    const first = await rpcCall(api.address, 'calendar.range', [sessions[0] as string, range]);
    const firstCallMs = Math.round(performance.now() - t0);
    const shape = calendarShape(first.value);
    const t1 = performance.now();
    await rpcCall(api.address, 'calendar.range', [sessions[0] as string, range]);
    const secondCallMs = Math.round(performance.now() - t1);
    const results: LoadResult[] = [];
    for (const clients of CLIENTS) {
      const bodies = sessions.slice(0, clients).map((key) => serializeMethodCall('calendar.range', [key, range]));
      // Slow calls with many clients: measure once every client has had a call answered (a queue in steady state), up to a minute.
      const warmupMs = Math.round(Math.min(60_000, Math.max(1000, 1.2 * clients * secondCallMs)));
      results.push(await runLoad(api.address, { method: 'calendar.range', clients, bodies, warmupMs }));
    }
    return {
      scenario: 'api-calendar',
      loadAverage,
      schedules: count,
      mix: CALENDAR_MIX,
      rangeDays: 7,
      firstCallMs,
      secondCallMs,
      ...shape,
      responseMB: Math.round((first.bytes / 2 ** 20) * 10) / 10,
      api: results,
    };
  } finally {
    await api.stop();
    api.remove();
  }
}

/**
 * What one answer held: future fires listed one by one, schedules shown as bands, past runs. Reads both the
 * first shape of the result (`occurrences`, `bands`) and the per-schedule one (`schedules` with `times` and
 * `band`, `runBands`).
 */
function calendarShape(value: XmlRpcValue): { occurrences: number; bands: number; runs: number; schedulesListed?: number; runBands?: number; capped: boolean } {
  const struct = value as Record<string, XmlRpcValue>;
  const list = (v: XmlRpcValue | undefined): ReadonlyArray<XmlRpcValue> => (Array.isArray(v) ? v : []);
  const runs = list(struct['runs']).length;
  const capped = struct['capped'] === true;
  if (struct['schedules'] !== undefined) {
    const schedules = list(struct['schedules']) as ReadonlyArray<Record<string, XmlRpcValue>>;
    let occurrences = 0;
    let bands = 0;
    for (const schedule of schedules) {
      occurrences += list(schedule['times']).length + list(schedule['moved']).length;
      if (schedule['band'] !== undefined) bands += 1;
    }
    return { occurrences, bands, runs, schedulesListed: schedules.length, runBands: list(struct['runBands']).length, capped };
  }
  return { occurrences: list(struct['occurrences']).length, bands: list(struct['bands']).length, runs, capped };
}

/**
 * Fire lateness (as `lateness-10k`: 10,000 schedules, schedule i firing every minute at second i mod 60, a
 * probe task noting its real start) while 50 clients call `settings.get` as fast as they can for 60 s.
 * Lateness counts the fires due while the load was on.
 */
export async function apiUnderLoadLateness(): Promise<ScenarioResult> {
  const loadAverage = machineLoad();
  const count = 10_000;
  const probe = probeTask();
  const api = await startApiServer(
    'api-lateness',
    async (db) => {
      await endDefaultSchedules(db);
      const bunch = await addBunch(db, 'probe-bunch', probe.name);
      await insertSchedules(db, bunch, count, (i) => ({ cron: `${i % 60} * * * * ?` }));
    },
    [probe],
  );
  let stopped = false;
  try {
    const clients = 50;
    const sessions = await loginSessions(api.address, clients);
    const bodies = sessions.map((key) => serializeMethodCall('settings.get', [key]));
    let windowFrom = 0;
    let windowTo = 0;
    const load = await runLoad(api.address, {
      method: 'settings.get',
      clients,
      bodies,
      durationMs: 60_000,
      onWindow: (phase) => {
        if (phase === 'measure') windowFrom = Date.now();
        else windowTo = Date.now();
      },
    });
    // Fires due just before the load stopped get their moment to start.
    await sleep(2000);
    const rss = process.memoryUsage().rss;
    await api.stop();
    stopped = true;
    const rows = await withDatabase(dataFolder(api.dataDir).databaseFile, async (db) => {
      const result = await db
        .selectFrom('task_runs as t')
        .innerJoin('bunch_runs as r', 'r.id', 't.bunch_run_id')
        .select(['t.id', 'r.due_at'])
        .where('r.trigger', '=', 'cron')
        .where('t.position', '=', 0)
        .where('r.due_at', '>=', windowFrom)
        .where('r.due_at', '<', windowTo)
        .execute();
      return result.map((r) => ({ id: Number(r.id), due: Number(r.due_at) }));
    });
    const expected = expectedFires(count, windowFrom, windowTo);
    const started = rows.filter((r) => probe.started.has(r.id));
    const lateness = started.map((r) => (probe.started.get(r.id) as number) - r.due);
    return {
      scenario: 'api-under-load-lateness',
      loadAverage,
      schedules: count,
      seconds: Math.round((windowTo - windowFrom) / 1000),
      fires: started.length,
      expectedFires: expected,
      notStarted: expected - started.length,
      latenessMs: summary(lateness),
      startupMs: api.startupMs,
      rssMB: Math.round(rss / 2 ** 20),
      api: [load],
    };
  } finally {
    if (!stopped) await api.stop();
    api.remove();
  }
}

/** Fires of schedule i (every minute at second i mod 60) due in [from, to). */
function expectedFires(count: number, from: number, to: number): number {
  let fires = 0;
  for (let second = Math.ceil(from / 1000); second * 1000 < to; second++) {
    const s = second % 60;
    fires += Math.floor(count / 60) + (s < count % 60 ? 1 : 0);
  }
  return fires;
}

/** A server listening on a loopback port, on a scratch folder that `fill` prepared, with the default configuration. */
function startApiServer<T>(name: string, fill: (db: Db) => Promise<T>, tasks: ReadonlyArray<RunnableTask> = []) {
  return startServerOn(name, DEFAULT_CONFIG, tasks, fill);
}

function startApiServerPlain(name: string) {
  return startApiServer(name, (db) => endDefaultSchedules(db));
}
