import { type Database, openStore } from '../db/connect.js';
import { type BenchStore, type ClusterSetup, createBenchStore } from './cluster-store.js';
import { type NodeProcess, startNode } from './node-process.js';
import { Teardown } from './teardown.js';

/** Nodes running on a prepared store, and a read-only connection to measure them from the database. */
export interface RunningCluster {
  readonly store: BenchStore;
  readonly nodes: ReadonlyArray<NodeProcess>;
  /** When the last node logged that it started (epoch ms). */
  readonly readyAt: number;
  readonly reader: Database;
  /** Stops every node gracefully (each one's runs committed); the reader stays open. */
  stopNodes(): Promise<void>;
}

/** What every configuration reports besides its measures. */
export interface SetupReport {
  readonly store: ClusterSetup['store'];
  readonly nodes: number;
  /** Making and filling the store (schema, schedules), before any node starts. */
  readonly prepareMs: number;
  readonly startupMs: ReadonlyArray<number>;
  /** Error log lines of the nodes, with the first one: a healthy run has none. */
  readonly nodeErrors: number;
  readonly firstNodeError?: string;
}

/**
 * Runs one configuration: makes its store and `fill`s it, starts its nodes as separate processes (the first
 * alone, since it creates the first admin, then the others together), `measure`s, and undoes it all however
 * it ends. A configuration that fails (a node refusing to start, say) reports its error instead of measures.
 */
export async function onCluster<T extends object>(
  setup: ClusterSetup,
  fill: (db: Database, bunchId: number) => Promise<void>,
  measure: (cluster: RunningCluster) => Promise<T>,
): Promise<SetupReport & (T | { readonly error: string })> {
  const teardown = new Teardown();
  const nodes: NodeProcess[] = [];
  const t0 = performance.now();
  let prepareMs = 0;
  const stopNodes = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  const report = (): SetupReport => {
    const errors = nodes.map((n) => n.errors());
    const first = errors.find((e) => e.first !== null)?.first;
    return {
      store: setup.store,
      nodes: setup.nodes,
      prepareMs,
      startupMs: nodes.map((n) => n.startupMs),
      nodeErrors: errors.reduce((sum, e) => sum + e.count, 0),
      ...(first ? { firstNodeError: first } : {}),
    };
  };
  try {
    const store = await createBenchStore(setup, teardown, fill);
    prepareMs = Math.round(performance.now() - t0);
    teardown.add(stopNodes);
    const spec = (i: number) => ({ dataDir: store.dataDir(i), database: store.database });
    nodes.push(await startNode(spec(0)));
    const others = await Promise.allSettled(Array.from({ length: setup.nodes - 1 }, (_, i) => startNode(spec(i + 1))));
    for (const other of others) if (other.status === 'fulfilled') nodes.push(other.value);
    const refused = others.find((o) => o.status === 'rejected');
    if (refused) throw refused.reason;
    const readyAt = Date.now();
    const reader = await openStore(store.location, { readonly: true });
    teardown.add(() => reader.close());
    const measured = await measure({ store, nodes, readyAt, reader, stopNodes });
    await stopNodes();
    return { ...report(), ...measured };
  } catch (error) {
    return { ...report(), error: error instanceof Error ? error.message : String(error) };
  } finally {
    await teardown.run();
  }
}
