import { hostname } from 'node:os';
import type { OverlapPolicy } from '@taskomatic/shared';
import { LATE_FIRE_MS } from '../claimer.js';
import { formatDuration } from '../format-duration.js';
import { interruptUnfinished, loadReady, type ReadyRun, stopLeftoverCommands } from '../recovery-store.js';
import type { RecoveryDeps } from '../recovery.js';
import type { BunchRunRecord } from '../run-record.js';
import { loadPostponed, type PostponedRun } from './postponed-runs.js';

/** A fire started up to this late still counts as on time (the claimer's misfire threshold). */
const ON_TIME_MS = LATE_FIRE_MS;

/** A node whose work another takes over. */
export interface DepartedNode {
  readonly id: string;
  readonly hostname: string;
  /** Its last sign of life: its runs under way are taken to have ended then (never before they started). */
  readonly lastAlive: number;
  readonly why: string;
}

/** What a takeover needs: recovery's, and the node that takes over. */
export type AdoptDeps = Omit<RecoveryDeps, 'lastAlive'> & { readonly nodeId: string };

/** What taking over a node's work gave. */
export interface Adopted {
  /** Its READY runs, now this node's, to start when due. */
  readonly pending: ReadonlyArray<{ readonly record: BunchRunRecord; readonly overlap: OverlapPolicy }>;
  /** Its postponed runs, now this node's, to go on with (their steps wait here, in their place in line). */
  readonly postponed: ReadonlyArray<PostponedRun>;
  readonly interrupted: number;
  readonly missed: number;
  readonly caughtUp: number;
}

/**
 * Takes over the work of a node that stopped or died (its row in `nodes` is already marked taken over by this
 * node, so no other node does it too): its running runs end INTERRUPTED, as after a crash (and the commands
 * it left running on this host are stopped); its task slots are freed; its postponed runs (a step waiting for
 * its task) and READY runs (claimed fires, queued runs, runs asked for later) become this node's. Those that became late follow the misfire policy, as after
 * a restart: on time within a minute, else MISSED, or under RUN_ONCE the latest of a schedule within the grace
 * period runs once as a catch-up.
 */
export async function adoptRuns(deps: AdoptDeps, node: DepartedNode): Promise<Adopted> {
  const { db, now } = deps;
  const scope = { nodes: [node.id] };
  if (node.hostname === hostname()) await stopLeftoverCommands(deps, scope);
  const interrupted = await interruptUnfinished(db, node.lastAlive, now, scope, ['RUNNING']);
  await db.deleteFrom('task_slots').where('node_id', '=', node.id).execute();
  // Its waiting steps keep their places in line, as this node's.
  await db.updateTable('task_waits').set({ node_id: deps.nodeId }).where('node_id', '=', node.id).execute();
  const postponed = await loadPostponed(db, deps.bunches, await takeRuns(deps, node, 'POSTPONED'));
  const ready = await loadReady(deps, await takeRuns(deps, node, 'READY'));
  const settled = await settleAdopted(deps, ready, node);
  await deps.recorder.commit();
  const summary = { interrupted, missed: settled.missed, caughtUp: settled.caughtUp, adopted: ready.length, postponed: postponed.length };
  deps.logger.warn('took over the work of a node that is gone', { node: node.id, why: node.why, ...summary });
  return { pending: settled.pending, postponed, interrupted, missed: settled.missed, caughtUp: settled.caughtUp };
}

/** Makes the gone node's runs in `status` this node's; returns their ids. */
async function takeRuns(deps: AdoptDeps, node: DepartedNode, status: 'READY' | 'POSTPONED'): Promise<number[]> {
  const rows = await deps.db
    .updateTable('bunch_runs')
    .set({ node_id: deps.nodeId })
    .where('node_id', '=', node.id)
    .where('status', '=', status)
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

async function settleAdopted(deps: AdoptDeps, ready: ReadonlyArray<ReadyRun>, node: DepartedNode): Promise<Omit<Adopted, 'interrupted' | 'postponed'>> {
  const { now } = deps;
  const graceMs = deps.settings.misfire_grace_seconds * 1000;
  // The latest late fire of each schedule is the one RUN_ONCE may catch up.
  const latestLate = new Map<number, number>();
  for (const { record } of ready) {
    if (record.scheduleId === null || record.trigger === 'manual' || now - record.dueAt <= ON_TIME_MS) continue;
    latestLate.set(record.scheduleId, Math.max(latestLate.get(record.scheduleId) ?? 0, record.dueAt));
  }
  await deps.ids.reserve('task_runs', ready.length);
  const pending: Array<{ record: BunchRunRecord; overlap: OverlapPolicy }> = [];
  let missed = 0;
  let caughtUp = 0;
  for (const { record, overlap, misfire } of ready) {
    const lateBy = now - record.dueAt;
    if (lateBy <= ON_TIME_MS) {
      pending.push({ record, overlap });
      continue;
    }
    const due = new Date(record.dueAt).toISOString();
    const latest = record.scheduleId !== null && latestLate.get(record.scheduleId) === record.dueAt;
    const catchUp = record.trigger === 'manual' || (misfire === 'RUN_ONCE' && latest);
    if (catchUp && lateBy <= graceMs) {
      if (record.trigger !== 'manual') record.trigger = 'catch-up';
      record.note = `started ${formatDuration(lateBy)} late: node ${node.id}, which had it, ${node.why}; due ${due}`;
      record.statusReason = record.note;
      deps.recorder.saveBunchRun(record);
      pending.push({ record, overlap });
      caughtUp++;
    } else {
      deps.executor.closeUnstarted(record, 'MISSED', `node ${node.id}, which had it, ${node.why}; taken over ${formatDuration(lateBy)} after it was due (misfire policy ${misfire})`);
      missed++;
    }
  }
  return { pending, missed, caughtUp };
}
