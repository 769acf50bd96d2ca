import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { AuthService } from './auth/auth-service.js';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { SessionStore } from './auth/sessions.js';
import type { ListenAddress, ServerConfig } from './config/server-config.js';
import { type Database, openStore } from './db/connect.js';
import { IdAllocator } from './db/id-allocator.js';
import { migrateToLatest } from './db/migrate.js';
import type { Settings } from './db/repos/settings-repo.js';
import { createDataFolder, dataFolder } from './data-folder.js';
import { demoCommandTasks, seedDemoSchedules } from './demo/demo-mode.js';
import { BunchCache } from './engine/bunch-cache.js';
import { type Clock, systemClock } from './engine/clock.js';
import { AlignedClock } from './engine/cluster/aligned-clock.js';
import { postgresLink, soloLink } from './engine/cluster/node-link.js';
import { SharedDefinitions } from './engine/cluster/shared-definitions.js';
import { ensureNotTakenOver } from './engine/cluster/node-registry.js';
import { ChangeRelay } from './engine/cluster/change-relay.js';
import { Engine, type EngineOptions } from './engine/engine.js';
import { RunRecorder } from './engine/run-recorder.js';
import type { HealthSource, HttpListener } from './http/health.js';
import { LogStore } from './logs/log-store.js';
import { type Logger, silentLogger } from './logger.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { createApi } from './rpc/api.js';
import { listenApi } from './rpc/api-server.js';
import { builtinTasks } from './runner/builtin/index.js';
import { createCatalog, type TaskCatalog } from './runner/catalog.js';
import { createCommandTask } from './runner/command/command-task.js';
import type { RunnableTask } from './runner/task.js';
import { BunchService } from './services/bunch-service.js';
import { ChangeFeed } from './services/change-feed.js';
import { ScheduleService } from './services/schedule-service.js';
import { SettingsService } from './services/settings-service.js';
import { holdStore, storeLocation } from './store-target.js';
import { VERSION } from './version.js';

export interface ServerOptions {
  readonly dataDir: string;
  readonly config: ServerConfig;
  /** A PostgreSQL URL to keep the data in; wins over the configuration's `database` (default: SQLite in the data folder). */
  readonly database?: string;
  /** Point the command tasks at the simulators and add the demo schedules. */
  readonly demo?: boolean;
  /** Where the API listens; null: no HTTP at all (default: the configuration's address). */
  readonly listen?: ListenAddress | null;
  /** Password of the first satellite admin of a new data folder (default: generated, written to a file). */
  readonly adminPassword?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Tasks to add to the catalog (for embedding and measuring the engine). */
  readonly extraTasks?: ReadonlyArray<RunnableTask>;
  readonly engine?: Partial<EngineOptions>;
  /**
   * Told when the server stopped on its own: another node declared it gone (it missed its heartbeats), or it
   * lost the database session that holds its locks. The command line exits; a service manager restarts it.
   */
  readonly onFatal?: (reason: string) => void;
}

/** A server that runs. */
export interface RunningServer {
  readonly database: Database;
  readonly engine: Engine;
  readonly schedules: ScheduleService;
  readonly auth: AuthService;
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
 * The composition root: takes the store (the data folder's SQLite file, or a PostgreSQL database) for this
 * server alone, opens (creating and migrating) it, builds the task catalog,
 * the engine and the services, binds the API, recovers from the last stop and starts firing. Nothing else
 * constructs services.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // Fire decisions are made on the database's clock (PostgreSQL: several nodes' clocks differ); a clock given
  // by a test stays as it is.
  const aligned = options.clock ? null : new AlignedClock(systemClock);
  const clock = options.clock ?? (aligned as AlignedClock);
  const logger = options.logger ?? silentLogger;
  const folder = dataFolder(options.dataDir);
  const nodeId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let fatal = (reason: string): void => logger.error('the server cannot go on', { reason });
  const store = await holdStore(storeLocation({ dataDir: folder.path, database: options.database ?? options.config.database }), {
    hold: 'shared',
    onLost: () => fatal('lost the database session that holds its locks: the other nodes take it for gone'),
  });
  let database: Database | undefined;
  // Bound before the engine starts, so a refused address changes nothing in the database.
  let http: HttpListener | null = null;
  let started: Engine | null = null;
  try {
    // With PostgreSQL too: the folder keeps this process's local files (the first admin's password).
    createDataFolder(folder);
    const db = await openStore(store.location, {
      onIdleError: (error) => logger.warn('database connection lost; reconnecting', { error }),
      // A node that hangs mid-transaction loses it well before the others take over its work.
      idleInTransactionMs: Math.max(1000, (options.engine?.nodeTimeoutMs ?? options.config.nodeTimeout) / 2),
    });
    database = db;
    const applied = await migrateToLatest(db.db, `The database ${db.location}`);
    if (applied.length > 0) logger.info('database migrated', { database: db.location, applied });
    const changes = new ChangeFeed(clock);
    const settingsService = await SettingsService.load(db.db, clock, changes);
    const settings = (): Settings => settingsService.current();

    const sessions = new SessionStore({ db: db.db, clock, settings });
    const auth = new AuthService({ db: db.db, clock, sessions, throttle: new LoginThrottle(clock) });
    const firstAdmin = await ensureFirstAdmin(auth, folder.path, options.adminPassword === undefined ? {} : { password: options.adminPassword });
    if (firstAdmin.created) {
      logger.warn('first satellite admin created', { username: firstAdmin.username, passwordFile: firstAdmin.passwordFile ?? 'given at start' });
    }

    const commandConfigs = options.demo ? demoCommandTasks(options.config.tasks) : options.config.tasks;
    const catalog = createCatalog([
      ...builtinTasks(db, settings),
      ...Object.entries(commandConfigs).map(([name, config]) => createCommandTask(name, config)),
      ...(options.extraTasks ?? []),
    ]);
    for (const task of catalog.list()) {
      if (!task.available) logger.warn('task unavailable', { task: task.name, reason: task.unavailableReason });
    }
    await store.session?.holdNode(nodeId);
    const link = store.session ? postgresLink(store.session, nodeId) : soloLink;
    const logs = new LogStore(() => clock.now());
    const recorder = new RunRecorder(db.db, logs, logger, (error) => db.isTransientError(error), {
      id: nodeId,
      guard: link.shared ? (trx) => ensureNotTakenOver(trx, nodeId) : null,
    });
    const bunches = new BunchCache(db.db);
    // Several nodes: bunches and settings another node changes are reloaded before each API call and heartbeat.
    const shared = store.session
      ? new SharedDefinitions(db.db, { bunches: () => bunches.reload(), settings: () => settingsService.reload() })
      : null;
    const engine = new Engine(
      {
        db: db.db,
        recorder,
        logs,
        ids: new IdAllocator(db.db),
        catalog,
        clock,
        logger,
        settings,
        nodeId,
        version: VERSION,
        bunches,
        link,
        onClockOffset: (offsetMs, errorMs) => aligned?.measured(offsetMs, errorMs),
        onFenced: (reason) => fatal(reason),
        ...(shared ? { refreshShared: () => shared.refresh() } : {}),
      },
      {
        claimAheadMs: options.config.claimAhead,
        nodeTimeoutMs: options.config.nodeTimeout,
        heartbeatMs: Math.min(5000, options.config.nodeTimeout / 4),
        ...options.engine,
      },
    );
    const metrics = new ServerMetrics();
    recorder.onCommitted = (runs) => {
      metrics.runsCommitted(runs);
      for (const run of runs) changes.publish('run', run.id, run.status, run.orgId);
    };
    const schedules = new ScheduleService({ db: db.db, engine, bunches, catalog, clock, settings, changes });
    const bunchService = new BunchService({ db: db.db, engine, bunches, catalog, clock, changes });

    const listenAt = options.listen === undefined ? options.config.listen : options.listen;
    if (listenAt) {
      const gate = createApi({
        db: db.db,
        engine,
        schedules,
        bunches,
        catalog,
        clock,
        logger,
        settings,
        auth,
        bunchService,
        settingsService,
        changes,
        observe: (method, outcome, ms) => metrics.apiCall(method, outcome, ms),
        ...(shared ? { beforeCall: () => shared.refresh() } : {}),
      });
      const startedAt = clock.now();
      const health: HealthSource = {
        version: VERSION,
        startedAt,
        now: () => clock.now(),
        engine: () => engine.status(),
        databaseDialect: db.dialect,
        cluster: () => engine.cluster(),
        // Reachable, and taking the engine's writes (a full disk or a lock shows here).
        databaseOk: async () => {
          await db.db.selectFrom('settings').select('key').limit(1).execute();
          return !recorder.failing;
        },
      };
      const tls = options.config.tls ? { cert: readFileSync(options.config.tls.cert), key: readFileSync(options.config.tls.key) } : null;
      http = await listenApi({
        listen: listenAt,
        tls,
        maxRequestBytes: options.config.maxRequestBytes,
        gate,
        health,
        metrics: () => metrics.render(engine.status()),
        logger,
      });
    }
    await shared?.refresh();
    if (link.shared) await new ChangeRelay({ link, feed: changes, logger, nodeId }).start();
    const recovered = await engine.start();
    started = engine;
    if (options.demo) {
      const added = await seedDemoSchedules(db.db, schedules, clock);
      if (added.length > 0) logger.info('demo schedules added', { labels: added });
    }
    logger.info('server started', {
      version: VERSION,
      data: folder.path,
      database: db.location,
      listen: http ? `${options.config.tls ? 'https' : 'http'}://${http.address.host}:${http.address.port}/rpc/api` : null,
      demo: options.demo ?? false,
      schedules: engine.status().scheduled,
      interrupted: recovered.interrupted,
      missed: recovered.missed,
      caughtUp: recovered.caughtUp,
    });
    let stopping: Promise<void> | null = null;
    const listener = http;
    const server: RunningServer = {
      database: db,
      engine,
      schedules,
      auth,
      catalog,
      settings,
      address: listener?.address ?? null,
      async reloadSettings() {
        await settingsService.reload();
      },
      stop(graceMs) {
        stopping ??= (async () => {
          logger.info('stopping', { graceMs: graceMs ?? options.config.stopGrace, runsUnderWay: engine.status().live });
          await listener?.close();
          await engine.stop(graceMs ?? options.config.stopGrace);
          await db.close();
          await store.release();
          logger.info('stopped');
        })();
        return stopping;
      },
    };
    fatal = (reason) => {
      logger.error('stopping: this node cannot go on', { reason });
      server
        .stop(0)
        .catch((error: unknown) => logger.error('stop failed', { error }))
        .finally(() => options.onFatal?.(reason));
    };
    return server;
  } catch (error) {
    await http?.close().catch(() => undefined);
    await started?.stop(0).catch(() => undefined);
    await database?.close().catch(() => undefined);
    await store.release();
    throw error;
  }
}
