import type { ListenAddress } from '../config/server-config.js';
import type { Dialect } from '../db/connect.js';
import type { ClusterStatus, EngineStatus } from '../engine/engine.js';

/** What /health reports. */
export interface HealthSource {
  readonly version: string;
  readonly startedAt: number;
  now(): number;
  engine(): EngineStatus;
  /** Which store the server runs on: `sqlite` (its data folder) or `postgres` (shared by its nodes). */
  readonly databaseDialect: Dialect;
  databaseOk(): Promise<boolean>;
  /** This node and the others on the database, with their clocks against the database's. */
  cluster(): Promise<ClusterStatus>;
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
  const cluster = await source.cluster().catch(() => null);
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
    cluster: cluster === null ? null : clusterHealth(cluster),
  };
}

/**
 * The nodes sharing the database (the latest 20), each with its clock's difference from the database's clock
 * as last measured (positive: the node's clock is behind). Fires are decided on the database's clock whatever
 * the nodes' clocks say; a large difference is still worth fixing (logs, the desktop app's times).
 */
function clusterHealth(cluster: ClusterStatus) {
  const iso = (at: number): string => new Date(at).toISOString();
  return {
    node: cluster.nodeId,
    clockOffsetMs: cluster.clock.offsetMs,
    clockOffsetErrorMs: cluster.clock.errorMs,
    nodeTimeoutSeconds: cluster.nodeTimeoutMs / 1000,
    nodes: cluster.nodes.map((n) => ({
      id: n.id,
      host: n.hostname,
      pid: n.pid,
      version: n.version,
      alive: n.alive,
      startedAt: iso(n.startedAt),
      heartbeatAt: iso(n.heartbeatAt),
      clockOffsetMs: n.clockOffsetMs,
    })),
  };
}
