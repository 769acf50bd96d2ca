import { DEFAULT_CONFIG } from '../config/server-config.js';
import { dataFolder } from '../data-folder.js';
import { type Database, openStore, postgresLocation, type StoreLocation } from '../db/connect.js';
import { startServer } from '../main.js';
import { addBunch, endDefaultSchedules, scratchFolder } from './bench-support.js';
import { createScratchPostgres } from './scratch-postgres.js';
import type { Teardown } from './teardown.js';

/** Where a cluster benchmark keeps its data, and how many server nodes share it. */
export interface ClusterSetup {
  readonly store: 'postgres' | 'sqlite';
  readonly nodes: number;
}

/**
 * PostgreSQL with one, two and three nodes, and SQLite (one node: a data folder has one server) to compare; or
 * those TASKOMATIC_BENCH_CLUSTER lists, e.g. `postgres:2,sqlite:1`.
 */
export function clusterSetups(): ReadonlyArray<ClusterSetup> {
  const chosen = process.env.TASKOMATIC_BENCH_CLUSTER;
  if (!chosen) return DEFAULT_SETUPS;
  return chosen.split(',').map((item) => {
    const [store, nodes] = item.trim().split(':');
    if ((store !== 'postgres' && store !== 'sqlite') || !/^[1-9]$/.test(nodes ?? '')) {
      throw new Error(`TASKOMATIC_BENCH_CLUSTER: '${item}' is not STORE:NODES (postgres:1 to postgres:9, sqlite:1)`);
    }
    return { store, nodes: store === 'sqlite' ? 1 : Number(nodes) };
  });
}

const DEFAULT_SETUPS: ReadonlyArray<ClusterSetup> = [
  { store: 'postgres', nodes: 1 },
  { store: 'postgres', nodes: 2 },
  { store: 'postgres', nodes: 3 },
  { store: 'sqlite', nodes: 1 },
];

/** The built-in task the cluster benchmarks run: it does nothing but record its run. */
export const BENCH_TASK = 'noop';

/** A store made for one setup: migrated, the default schedules ended, one bunch of `BENCH_TASK` added. */
export interface BenchStore {
  readonly location: StoreLocation;
  /** The `--database` of the nodes; null: SQLite in the (single) data folder. */
  readonly database: string | null;
  /** Data folder of node `i`: with PostgreSQL one each, since a folder keeps one process's local files. */
  dataDir(node: number): string;
  readonly bunchId: number;
}

/**
 * Creates the store of `setup` (a scratch PostgreSQL database, or a data folder's SQLite file), migrated by a
 * first start of the server in this process, then `fill`s it. Everything created is undone by `teardown`.
 */
export async function createBenchStore(setup: ClusterSetup, teardown: Teardown, fill: (db: Database, bunchId: number) => Promise<void>): Promise<BenchStore> {
  const folders = Array.from({ length: setup.store === 'sqlite' ? 1 : setup.nodes }, (_, i) => {
    const folder = scratchFolder(`${setup.store}-${setup.nodes}-node${i + 1}`);
    teardown.add(folder.remove);
    return folder.path;
  });
  let database: string | null = null;
  if (setup.store === 'postgres') {
    const scratch = await createScratchPostgres();
    teardown.add(() => scratch.drop());
    database = scratch.url;
  }
  const first = await startServer({ dataDir: folders[0] as string, config: DEFAULT_CONFIG, listen: null, ...(database === null ? {} : { database }) });
  await first.stop(0);
  const location: StoreLocation = database === null ? { dialect: 'sqlite', file: dataFolder(folders[0] as string).databaseFile } : postgresLocation(database);
  const store = await openStore(location);
  let bunchId: number;
  try {
    await endDefaultSchedules(store.db);
    bunchId = await addBunch(store.db, 'bench-bunch', BENCH_TASK);
    await fill(store, bunchId);
  } finally {
    await store.close();
  }
  return { location, database, bunchId, dataDir: (node) => folders[Math.min(node, folders.length - 1)] as string };
}
