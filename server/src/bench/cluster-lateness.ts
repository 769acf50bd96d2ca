import { nextScheduledFire, parseCron, type ScheduleTiming } from '@taskomatic/shared';
import { type ScenarioResult, duplicates, insertSchedules, sleep, summary } from './bench-support.js';
import { onCluster } from './cluster-run.js';
import { BENCH_TASK, clusterSetups, type ClusterSetup } from './cluster-store.js';
import { startCpuMeter } from './cpu-meter.js';
import { runsPerNode } from './runs-per-node.js';

const SCHEDULES = 100_000;
/** Measured per configuration, after the nodes are up (the in-process `lateness-100k` measures 62 s). */
const SECONDS = 15;

/**
 * `cluster-lateness`: fire lateness with `SCHEDULES` cron schedules, schedule i firing every minute at second
 * i mod 60 (about 1,667 fires a second), by server nodes in processes of their own on PostgreSQL with 1, 2 and 3
 * nodes and on SQLite with 1. Lateness is a bunch run's `started_at - due_at` as its node recorded it; fires due
 * while the nodes were still starting (when they took longer than planned) are reported apart.
 */
export async function clusterLateness(): Promise<ScenarioResult> {
  const setups = [];
  for (const setup of clusterSetups()) setups.push(await latenessOn(setup));
  return { scenario: 'cluster-lateness', task: BENCH_TASK, schedules: SCHEDULES, seconds: SECONDS, setups };
}

/**
 * The schedules are in the store before the nodes start, so that any engine sees them (one that reads
 * schedules only at start as well as one that claims them from the database). Their first fires come once
 * the nodes have had the time to start (about 1.5 s for one on two cores; more when several share the cores), as
 * if created then: no backlog of fires due during the start-up weighs on the measured window, which begins a
 * second after the last node is up at the earliest.
 */
function latenessOn(setup: ClusterSetup) {
  let firstFires = 0;
  return onCluster(
    setup,
    async (store, bunchId) => {
      await insertSchedules(store.db, bunchId, SCHEDULES, (i) => ({ cron: cronOf(i) }));
      firstFires = Date.now() + 1500 + 1000 * setup.nodes;
      await store.db
        .updateTable('schedules')
        .set((eb) => {
          let next = eb.case().when('cron_expr', '=', cronOf(0)).then(nextFireAfter(cronOf(0), firstFires));
          for (let s = 1; s < 60; s++) next = next.when('cron_expr', '=', cronOf(s)).then(nextFireAfter(cronOf(s), firstFires));
          return { next_fire_at: next.end() };
        })
        .where('bunch_id', '=', bunchId)
        .execute();
    },
    async ({ reader, nodes, readyAt, store, stopNodes }) => {
      const from = Math.ceil(Math.max(firstFires, readyAt + 1000) / 1000) * 1000;
      const to = from + SECONDS * 1000;
      await sleep(from - Date.now());
      const cpu = startCpuMeter(nodes.map((n) => n.pid));
      await sleep(to - Date.now());
      const cpuUse = cpu.stop();
      // A moment for the last fires of the window to start, then every node's runs are committed.
      await sleep(1000);
      const stoppedAt = Date.now();
      await stopNodes();
      const rows = await reader.db
        .selectFrom('bunch_runs')
        .select(['schedule_id', 'status', 'due_at', 'started_at'])
        .where('bunch_id', '=', store.bunchId)
        .where('due_at', '<', to)
        .execute();
      const steady = rows.filter((r) => Number(r.due_at) >= from);
      const started = steady.filter((r) => r.started_at !== null);
      const lateness = (r: { due_at: number; started_at: number | null }) => Number(r.started_at) - Number(r.due_at);
      return {
        fires: started.length,
        expectedFires: expectedFires(from, to),
        duplicates: duplicates(steady.map((r) => `${String(r.schedule_id)}@${String(r.due_at)}`)),
        missed: steady.filter((r) => r.status === 'MISSED').length,
        // Due in the window, not started a second after it: at least this late, and left out of the percentiles.
        notStarted: steady.filter((r) => r.started_at === null && r.status !== 'MISSED').length,
        notStartedAtLeastMs: stoppedAt - to,
        latenessMs: summary(started.map(lateness)),
        duringStartupLatenessMs: summary(rows.filter((r) => Number(r.due_at) < from && r.started_at !== null).map(lateness)),
        perNode: await runsPerNode(reader, store.bunchId, nodes, from, to),
        cpu: cpuUse,
      };
    },
  );
}

function cronOf(i: number): string {
  return `${i % 60} * * * * ?`;
}

const timings = new Map<string, ScheduleTiming>();

/** The first fire of `cron` (UTC) after `after`, through the same schedule code the engine uses. */
function nextFireAfter(cron: string, after: number): number {
  let timing = timings.get(cron);
  if (!timing) {
    timing = { kind: 'cron', cron: parseCron(cron), timeZone: 'UTC', runAt: null, activeFrom: null, activeTill: null };
    timings.set(cron, timing);
  }
  const fire = nextScheduledFire(timing, [], after);
  if (!fire) throw new Error(`${cron} has no fire after ${new Date(after).toISOString()}`);
  return fire.at;
}

/** Fires due in [from, to) (whole seconds): at second s, the schedules i with i mod 60 = s mod 60. */
function expectedFires(from: number, to: number): number {
  let count = 0;
  for (let t = from; t < to; t += 1000) {
    const second = (t / 1000) % 60;
    if (second < SCHEDULES) count += Math.floor((SCHEDULES - 1 - second) / 60) + 1;
  }
  return count;
}
