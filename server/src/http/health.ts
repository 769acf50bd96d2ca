import type { ListenAddress } from '../config/server-config.js';
import type { Dialect } from '../db/connect.js';
import type { EngineStatus } from '../engine/engine.js';

/** What /health reports. */
export interface HealthSource {
  readonly version: string;
  readonly startedAt: number;
  now(): number;
  engine(): EngineStatus;
  /** Which store the server runs on: `sqlite` (its data folder) or `postgres` (shared by its nodes). */
  readonly databaseDialect: Dialect;
  databaseOk(): Promise<boolean>;
}

/** A running HTTP listener. */
export interface HttpListener {
  readonly address: ListenAddress;
  close(): Promise<void>;
}

/** The body of `GET /health`. */
export async function health(source: HealthSource) {
  const now = source.now();
  const databaseOk = await source.databaseOk().catch(() => false);
  const engine = source.engine();
  return {
    status: databaseOk && engine.running ? 'ok' : 'degraded',
    version: source.version,
    uptimeSeconds: Math.round((now - source.startedAt) / 1000),
    clock: new Date(now).toISOString(),
    database: { ok: databaseOk, dialect: source.databaseDialect },
    scheduler: {
      running: engine.running,
      schedules: engine.scheduled,
      pendingRuns: engine.pending,
      runsUnderWay: engine.live,
      nextFireAt: engine.nextFireAt === null ? null : new Date(engine.nextFireAt).toISOString(),
    },
  };
}
