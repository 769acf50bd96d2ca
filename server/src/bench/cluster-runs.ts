import { type ScenarioResult, duplicates, insertSchedules, sleep, summary } from './bench-support.js';
import { onCluster } from './cluster-run.js';
import { BENCH_TASK, clusterSetups, type ClusterSetup } from './cluster-store.js';
import { startCpuMeter } from './cpu-meter.js';
import { runsPerNode } from './runs-per-node.js';

/** One-time schedules, all due at the same instant (the in-process `builtin-runs` fires 50,000). */
const RUNS = 20_000;
/** A configuration stops counting this long after the runs were due, finished or not. */
const DEADLINE_MS = 25_000;

/**
 * `cluster-runs`: built-in task runs recorded per second by server nodes in processes of their own, on
 * PostgreSQL with 1, 2 and 3 nodes and on SQLite with 1. Each configuration gets a fresh store holding `RUNS`
 * one-time schedules of a bunch of one `noop` step, all due at one instant shortly after its nodes are up;
 * runs per second = runs FINISHED / (last end - due), read from the database, so a run counts once it is
 * committed whichever node ran it.
 */
export async function clusterRuns(): Promise<ScenarioResult> {
  const setups = [];
  for (const setup of clusterSetups()) setups.push(await runsOn(setup));
  return { scenario: 'cluster-runs', task: BENCH_TASK, runs: RUNS, setups };
}

/**
 * The schedules are in the store before the nodes start, so that any engine sees them (one that reads
 * schedules only at start as well as one that claims them from the database); they are due once the nodes
 * have had the time to start (a node takes about 1.5 s on two cores, and several share the cores).
 */
function runsOn(setup: ClusterSetup) {
  let due = 0;
  return onCluster(
    setup,
    async (store, bunchId) => {
      await insertSchedules(store.db, bunchId, RUNS, () => ({ runAt: 0 }));
      // Set once they are all in: the due instant does not depend on how long the inserts took.
      due = Math.ceil((Date.now() + 2000 + 1500 * setup.nodes) / 1000) * 1000;
      await store.db.updateTable('schedules').set({ run_at: due, next_fire_at: due }).where('bunch_id', '=', bunchId).execute();
    },
    async ({ reader, nodes, readyAt, store }) => {
      await sleep(due - Date.now());
      const cpu = startCpuMeter(nodes.map((n) => n.pid));
      const ended = () =>
        reader.db
          .selectFrom('bunch_runs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('bunch_id', '=', store.bunchId)
          .where('ended_at', 'is not', null)
          .executeTakeFirstOrThrow();
      while (Date.now() < due + DEADLINE_MS && Number((await ended()).n) < RUNS) await sleep(250);
      const cpuUse = cpu.stop();
      const rows = await reader.db
        .selectFrom('bunch_runs')
        .select(['schedule_id', 'status', 'due_at', 'started_at', 'ended_at'])
        .where('bunch_id', '=', store.bunchId)
        .execute();
      const finished = rows.filter((r) => r.status === 'FINISHED');
      // Counted from the due instant, or from when the last node was up if that was later.
      const from = Math.max(due, readyAt);
      const seconds = (finished.reduce((last, r) => Math.max(last, Number(r.ended_at)), from) - from) / 1000;
      return {
        finished: finished.length,
        duplicates: duplicates(rows.map((r) => String(r.schedule_id))),
        otherStatuses: tally(rows.filter((r) => r.status !== 'FINISHED').map((r) => r.status)),
        seconds: Math.round(seconds * 100) / 100,
        runsPerSecond: finished.length === 0 ? 0 : Math.round(finished.length / seconds),
        nodesReadyAfterDueMs: Math.max(0, readyAt - due),
        startLatenessMs: summary(rows.filter((r) => r.started_at !== null).map((r) => Number(r.started_at) - Number(r.due_at))),
        perNode: await runsPerNode(reader, store.bunchId, nodes, due, due + 1),
        cpu: cpuUse,
      };
    },
  );
}

function tally(values: ReadonlyArray<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
