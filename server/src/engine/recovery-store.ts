import { hostname } from 'node:os';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { OverlapPolicy, RunTrigger } from '@taskomatic/shared';
import type { Tables } from '../db/tables.js';
import { parseParams } from './claimer.js';
import { stopLeftovers } from './leftover-processes.js';
import { FIRING_COLUMNS } from './schedule-timing.js';
import type { RecoveryDeps } from './recovery.js';
import { type BunchRunRecord, newBunchRun, newTaskRun, type StepSnapshot } from './run-record.js';

/** The database side of recovery: what the stopped server left behind, and putting it right. */

export interface ScheduleRow {
  readonly id: number;
  readonly bunch_id: number;
  readonly org_id: number | null;
  readonly kind: string;
  readonly cron_expr: string | null;
  readonly time_zone: string;
  readonly run_at: number | null;
  readonly active_from: number | null;
  readonly active_till: number | null;
  readonly params: string;
  readonly overlap_policy: string;
  readonly misfire_policy: string;
  readonly next_fire_at: number | null;
}

/** Time the processes a crashed server left running get between SIGTERM and SIGKILL. */
const LEFTOVER_GRACE_MS = 5000;

/** Which runs a recovery puts right: every node's (a start with no other node alive), or some nodes' only. */
export type RecoveryScope = { readonly nodes: 'all' } | { readonly nodes: ReadonlyArray<string> };

export const ALL_NODES: RecoveryScope = { nodes: 'all' };

/**
 * Stops commands a stopped server (or the nodes in `scope`, which ran on this host) left running, and says so
 * on their runs.
 */
export async function stopLeftoverCommands(deps: Pick<RecoveryDeps, 'db' | 'logger' | 'now'>, scope: RecoveryScope = ALL_NODES): Promise<void> {
  const running = await deps.db
    .selectFrom('task_runs')
    .select(['id', 'pid', 'started_at', 'task'])
    .where('status', '=', 'RUNNING')
    .where('pid', 'is not', null)
    .$if(scope.nodes !== 'all', (q) => q.where('bunch_run_id', 'in', (sub) => sub.selectFrom('bunch_runs').select('id').where('node_id', 'in', nodeList(scope))))
    // A process id means something on its own host only: runs of nodes on other hosts are left alone.
    .where('bunch_run_id', 'not in', (sub) =>
      sub
        .selectFrom('bunch_runs as b')
        .innerJoin('nodes as n', 'n.id', 'b.node_id')
        .select('b.id')
        .where('b.status', '=', 'RUNNING')
        .where('n.hostname', '<>', hostname()),
    )
    .execute();
  const stopped = await stopLeftovers(
    running.map((r) => ({ taskRunId: Number(r.id), pid: Number(r.pid), startedAt: Number(r.started_at ?? 0) })),
    LEFTOVER_GRACE_MS,
  );
  for (const row of running.filter((r) => stopped.has(Number(r.id)))) {
    deps.logger.warn('stopped a command the previous server left running', { taskRunId: row.id, task: row.task, pid: row.pid });
    await deps.db
      .updateTable('task_runs')
      .set({
        status: 'INTERRUPTED',
        status_reason: `the server stopped while this step was running; its processes (group ${row.pid}) were still running at restart and were stopped`,
        ended_at: deps.now,
      })
      .where('id', '=', row.id)
      .execute();
  }
}

/**
 * Ends the runs left under way (in `statuses`: by default running and postponed ones; a node taking over
 * another's work goes on with its postponed ones instead) INTERRUPTED.
 */
export async function interruptUnfinished(
  db: Kysely<Tables>,
  lastAlive: number,
  now: number,
  scope: RecoveryScope = ALL_NODES,
  statuses: ReadonlyArray<'RUNNING' | 'POSTPONED'> = ['RUNNING', 'POSTPONED'],
): Promise<number> {
  const endedAt = Math.min(lastAlive, now);
  const owned = (sub: ExpressionBuilder<Tables, 'task_runs'>) =>
    sub.selectFrom('bunch_runs').select('id').where('node_id', 'in', nodeList(scope)).where('status', 'in', [...statuses]);
  const tasks = await db
    .updateTable('task_runs')
    .set((eb) => ({
      status: 'INTERRUPTED',
      status_reason: eb
        .case()
        .when('status', '=', 'POSTPONED')
        .then('the server stopped while this step was postponed')
        .else('the server stopped while this step was running')
        .end(),
      ended_at: endedNoEarlierThanStart(eb, endedAt),
    }))
    .where('status', 'in', [...statuses])
    .$if(scope.nodes !== 'all', (q) => q.where((eb) => eb('bunch_run_id', 'in', owned(eb))))
    .executeTakeFirst();
  await db
    .updateTable('bunch_runs')
    .set((eb) => ({
      status: 'INTERRUPTED',
      status_reason: 'the server stopped while this run was going',
      ended_at: endedNoEarlierThanStart(eb, endedAt),
    }))
    .where('status', 'in', [...statuses])
    .$if(scope.nodes !== 'all', (q) => q.where('node_id', 'in', nodeList(scope)))
    .execute();
  return Number(tasks.numUpdatedRows);
}

/**
 * When a run the server left behind ended, as well as we know: the last sign of life of the server, but never
 * before the run started (it may have started after the last heartbeat).
 */
function endedNoEarlierThanStart(eb: ExpressionBuilder<Tables, 'task_runs' | 'bunch_runs'>, lastAlive: number) {
  return eb
    .case()
    .when('started_at', '>', lastAlive)
    .then(eb.ref('started_at'))
    .else(eb.val(lastAlive))
    .end();
}

/** A READY run left behind, with its schedule's policies. */
export interface ReadyRun {
  readonly record: BunchRunRecord;
  readonly overlap: OverlapPolicy;
  readonly misfire: string;
}

/** The READY runs (all of them, or those with the given ids), earliest first. */
export async function loadReady(deps: Pick<RecoveryDeps, 'db' | 'bunches'>, ids?: ReadonlyArray<number>): Promise<ReadyRun[]> {
  if (ids?.length === 0) return [];
  const rows = await deps.db
    .selectFrom('bunch_runs as r')
    .leftJoin('schedules as s', 's.id', 'r.schedule_id')
    .leftJoin('task_runs as t', (join) => join.onRef('t.bunch_run_id', '=', 'r.id').on('t.position', '=', 0).on('t.status', '=', 'READY'))
    .select([
      't.id as first_step_id',
      't.task as first_step_task',
      't.created_at as first_step_created_at',
      'r.id',
      'r.schedule_id',
      'r.bunch_id',
      'r.org_id',
      'r.trigger',
      'r.status_reason',
      'r.due_at',
      'r.params',
      'r.steps',
      'r.requested_by',
      's.overlap_policy',
      's.misfire_policy',
    ])
    .where('r.status', '=', 'READY')
    .$if(ids !== undefined, (q) => q.where('r.id', 'in', [...(ids ?? [])]))
    .orderBy('r.due_at')
    .execute();
  return rows.map((r) => {
    const id = Number(r.id);
    const bunchId = Number(r.bunch_id);
    const firstStep =
      r.first_step_id === null || r.first_step_task === null
        ? null
        : newTaskRun(Number(r.first_step_id), id, 0, r.first_step_task, Number(r.first_step_created_at));
    const record = newBunchRun({
      id,
      scheduleId: r.schedule_id === null ? null : Number(r.schedule_id),
      // The steps as they were when the run was claimed, not as the bunch is now.
      bunch: { id: bunchId, name: deps.bunches.get(bunchId)?.name ?? String(bunchId), steps: parseSteps(r.steps) },
      orgId: r.org_id === null ? null : Number(r.org_id),
      trigger: r.trigger as RunTrigger,
      dueAt: Number(r.due_at),
      params: parseParams(r.params),
      note: r.status_reason,
      firstStep,
      requestedBy: r.requested_by,
    });
    return { overlap: (r.overlap_policy ?? 'ALLOW') as OverlapPolicy, misfire: r.misfire_policy ?? 'SKIP', record };
  });
}

export async function loadSchedulesToSettle(db: Kysely<Tables>, now: number, alsoIds: ReadonlyArray<number>): Promise<ScheduleRow[]> {
  const rows = await db
    .selectFrom('schedules')
    .select(FIRING_COLUMNS)
    .where('ended_at', 'is', null)
    .where('paused', '=', 0)
    .where((eb) =>
      eb.or([
        eb('next_fire_at', 'is', null),
        eb('next_fire_at', '<', now),
        ...(alsoIds.length > 0 ? [eb('id', 'in', [...alsoIds])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    bunch_id: Number(r.bunch_id),
    org_id: r.org_id === null ? null : Number(r.org_id),
    run_at: r.run_at === null ? null : Number(r.run_at),
    active_from: r.active_from === null ? null : Number(r.active_from),
    active_till: r.active_till === null ? null : Number(r.active_till),
    next_fire_at: r.next_fire_at === null ? null : Number(r.next_fire_at),
  }));
}

function nodeList(scope: RecoveryScope): string[] {
  return scope.nodes === 'all' ? [] : [...scope.nodes];
}

export function parseSteps(text: string): StepSnapshot[] {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) {
      return value
        .filter((s): s is { task: string; startIf: StepSnapshot['startIf'] } => typeof s?.task === 'string')
        .map((s) => ({ task: s.task, startIf: s.startIf ?? null }));
    }
  } catch {
    // fall through
  }
  return [];
}
