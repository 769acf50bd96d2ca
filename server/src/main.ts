import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ListenAddress, ServerConfig } from './config/server-config.js';
import { type Database, openSqlite } from './db/connect.js';
import { IdAllocator } from './db/id-allocator.js';
import { migrateToLatest } from './db/migrate.js';
import { readSettings, type Settings } from './db/repos/settings-repo.js';
import { createPrivateFile, dataFolder, lockDataFolder } from './data-folder.js';
import { demoCommandTasks, seedDemoSchedules } from './demo/demo-mode.js';
import { BunchCache } from './engine/bunch-cache.js';
import { type Clock, systemClock } from './engine/clock.js';
import { Engine, type EngineOptions } from './engine/engine.js';
import { RunRecorder } from './engine/run-recorder.js';
import { type HttpListener, listenHealth } from './http/health-server.js';
import { LogStore } from './logs/log-store.js';
import { type Logger, silentLogger } from './logger.js';
import { builtinTasks } from './runner/builtin/index.js';
import { createCatalog, type TaskCatalog } from './runner/catalog.js';
import { createCommandTask } from './runner/command/command-task.js';
import type { RunnableTask } from './runner/task.js';
import { ScheduleService } from './services/schedule-service.js';
import { VERSION } from './version.js';

export interface ServerOptions {
  readonly dataDir: string;
  readonly config: ServerConfig;
  /** Point the command tasks at the simulators and add the demo schedules. */
  readonly demo?: boolean;
  /** Where the API listens; null: no HTTP at all (default: the configuration's address). */
  readonly listen?: ListenAddress | null;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Tasks to add to the catalog (for embedding and measuring the engine). */
  readonly extraTasks?: ReadonlyArray<RunnableTask>;
  readonly engine?: Partial<EngineOptions>;
}

/** A server that runs. */
export interface RunningServer {
  readonly database: Database;
  readonly engine: Engine;
  readonly schedules: ScheduleService;
  readonly catalog: TaskCatalog;
  readonly settings: () => Settings;
  /** Where the HTTP listener is bound, when there is one. */
  readonly address: ListenAddress | null;
  /** Reads the settings again after they were changed in the database. */
  reloadSettings(): Promise<void>;
  /** Stops gracefully: running tasks get the configured grace (or `graceMs`), then everything is closed. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The composition root: opens (creating and migrating) the data folder's database, builds the task catalog,
 * recovers from the last stop, starts the engine and the HTTP listener. Nothing else constructs services.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const folder = dataFolder(options.dataDir);
  const unlock = lockDataFolder(folder);
  let database: Database | undefined;
  // Bound before the engine starts, so a refused address changes nothing in the database.
  let http: HttpListener | null = null;
  let started: Engine | null = null;
  try {
    createPrivateFile(folder.databaseFile);
    const db = openSqlite({ file: folder.databaseFile });
    database = db;
    const applied = await migrateToLatest(database.db, `The database ${folder.databaseFile}`);
    if (applied.length > 0) logger.info('database migrated', { file: folder.databaseFile, applied });
    let settings = await readSettings(database.db);
    const currentSettings = (): Settings => settings;
    const commandConfigs = options.demo ? demoCommandTasks(options.config.tasks) : options.config.tasks;
    const catalog = createCatalog([
      ...builtinTasks(database, currentSettings),
      ...Object.entries(commandConfigs).map(([name, config]) => createCommandTask(name, config)),
      ...(options.extraTasks ?? []),
    ]);
    for (const task of catalog.list()) {
      if (!task.available) logger.warn('task unavailable', { task: task.name, reason: task.unavailableReason });
    }
    const logs = new LogStore(() => clock.now());
    const recorder = new RunRecorder(database.db, logs, logger, (error) => db.isTransientError(error));
    const bunches = new BunchCache(database.db);
    const engine = new Engine(
      {
        db: database.db,
        recorder,
        logs,
        ids: new IdAllocator(database.db),
        catalog,
        clock,
        logger,
        settings: currentSettings,
        nodeId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
        version: VERSION,
        bunches,
      },
      { claimAheadMs: options.config.claimAhead, ...options.engine },
    );
    const listenAt = options.listen === undefined ? options.config.listen : options.listen;
    const startedAt = clock.now();
    if (listenAt) {
      http = await listenHealth(listenAt, {
        version: VERSION,
        startedAt,
        now: () => clock.now(),
        engine: () => engine.status(),
        // Reachable, and taking the engine's writes (a full disk or a lock shows here).
        databaseOk: async () => {
          await db.db.selectFrom('settings').select('key').limit(1).execute();
          return !recorder.failing;
        },
      });
    }
    const recovered = await engine.start();
    started = engine;
    const schedules = new ScheduleService({ db: database.db, engine, bunches, catalog, clock, settings: currentSettings });
    if (options.demo) {
      const added = await seedDemoSchedules(database.db, schedules, clock);
      if (added.length > 0) logger.info('demo schedules added', { labels: added });
    }
    logger.info('server started', {
      version: VERSION,
      data: folder.path,
      listen: http ? `${http.address.host}:${http.address.port}` : null,
      demo: options.demo ?? false,
      schedules: engine.status().scheduled,
      interrupted: recovered.interrupted,
      missed: recovered.missed,
      caughtUp: recovered.caughtUp,
    });
    let stopping: Promise<void> | null = null;
    return {
      database,
      engine,
      schedules,
      catalog,
      settings: currentSettings,
      address: http?.address ?? null,
      stop(graceMs) {
        stopping ??= (async () => {
          logger.info('stopping', { graceMs: graceMs ?? options.config.stopGrace, runsUnderWay: engine.status().live });
          await http?.close();
          await engine.stop(graceMs ?? options.config.stopGrace);
          await db.close();
          unlock();
          logger.info('stopped');
        })();
        return stopping;
      },
      async reloadSettings() {
        settings = await readSettings(db.db);
      },
    };
  } catch (error) {
    await http?.close().catch(() => undefined);
    await started?.stop(0).catch(() => undefined);
    await database?.close().catch(() => undefined);
    unlock();
    throw error;
  }
}
