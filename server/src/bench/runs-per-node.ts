import { sql } from 'kysely';
import type { Database } from '../db/connect.js';
import type { NodeProcess } from './node-process.js';

/**
 * Bunch runs of the benchmark's bunch per node that ran them (`bunch_runs.node_id`), keyed `node1`, `node2`...
 * in the order the nodes started when a node id names its process (`HOST-PID-RANDOM`), else by the id itself;
 * runs no node owns count under `none`. Null when the database does not record the node of a run.
 */
export async function runsPerNode(
  reader: Database,
  bunchId: number,
  nodes: ReadonlyArray<NodeProcess>,
  from: number,
  to: number,
): Promise<Record<string, number> | null> {
  let rows: ReadonlyArray<{ node_id: string | null; n: number | string }>;
  try {
    // Raw SQL: the column is newer than some builds of the query layer's table types.
    const result = await sql<{ node_id: string | null; n: number | string }>`
      select node_id, count(*) as n from bunch_runs
      where bunch_id = ${bunchId} and due_at >= ${from} and due_at < ${to} and started_at is not null
      group by node_id`.execute(reader.db);
    rows = result.rows;
  } catch {
    return null;
  }
  const byPid = new Map(nodes.map((n, i) => [n.pid, `node${i + 1}`]));
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const pid = row.node_id === null ? null : /-(\d+)-[^-]+$/.exec(row.node_id)?.[1];
    const key = row.node_id === null ? 'none' : (byPid.get(Number(pid)) ?? row.node_id);
    counts[key] = (counts[key] ?? 0) + Number(row.n);
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
