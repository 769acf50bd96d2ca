import type { Kysely } from 'kysely';
import type { OverlapPolicy, RunStatus, RunTrigger } from '@taskomatic/shared';
import type { Tables } from '../../db/tables.js';
import type { BunchCache } from '../bunch-cache.js';
import { parseParams } from '../claimer.js';
import { parseSteps } from '../recovery-store.js';
import { type BunchRunRecord, newBunchRun, type TaskRunRecord } from '../run-record.js';

/** A run a gone node left postponed, to go on with: its steps so far, and the one waiting for its task. */
export interface PostponedRun {
  readonly record: BunchRunRecord;
  readonly done: ReadonlyArray<TaskRunRecord>;
  readonly waiting: TaskRunRecord;
  readonly overlap: OverlapPolicy;
}

/** Reads the postponed runs with the given ids, as the node that left them held them. */
export async function loadPostponed(db: Kysely<Tables>, bunches: BunchCache, ids: ReadonlyArray<number>): Promise<PostponedRun[]> {
  if (ids.length === 0) return [];
  const runs = await db
    .selectFrom('bunch_runs as r')
    .leftJoin('schedules as s', 's.id', 'r.schedule_id')
    .select(['r.id', 'r.schedule_id', 'r.bunch_id', 'r.org_id', 'r.trigger', 'r.status_reason', 'r.due_at', 'r.started_at', 'r.params', 'r.steps', 'r.requested_by', 's.overlap_policy'])
    .where('r.id', 'in', [...ids])
    .execute();
  const steps = await db.selectFrom('task_runs').selectAll().where('bunch_run_id', 'in', [...ids]).orderBy('position').execute();
  const result: PostponedRun[] = [];
  for (const r of runs) {
    const id = Number(r.id);
    const bunchId = Number(r.bunch_id);
    const taskRuns: TaskRunRecord[] = steps
      .filter((t) => Number(t.bunch_run_id) === id)
      .map((t) => ({
        id: Number(t.id),
        bunchRunId: id,
        position: Number(t.position),
        task: t.task,
        status: t.status as RunStatus,
        statusReason: t.status_reason,
        createdAt: Number(t.created_at),
        startedAt: t.started_at === null ? null : Number(t.started_at),
        endedAt: t.ended_at === null ? null : Number(t.ended_at),
        exitCode: t.exit_code === null ? null : Number(t.exit_code),
        pid: t.pid === null ? null : Number(t.pid),
      }));
    const waiting = taskRuns.find((t) => t.status === 'POSTPONED');
    if (!waiting) continue;
    const record = newBunchRun({
      id,
      scheduleId: r.schedule_id === null ? null : Number(r.schedule_id),
      // The steps as they were when the run was claimed, not as the bunch is now.
      bunch: { id: bunchId, name: bunches.get(bunchId)?.name ?? String(bunchId), steps: parseSteps(r.steps) },
      orgId: r.org_id === null ? null : Number(r.org_id),
      trigger: r.trigger as RunTrigger,
      dueAt: Number(r.due_at),
      params: parseParams(r.params),
      requestedBy: r.requested_by,
    });
    record.status = 'POSTPONED';
    record.statusReason = r.status_reason;
    record.startedAt = r.started_at === null ? null : Number(r.started_at);
    result.push({ record, done: taskRuns.filter((t) => t.position < waiting.position), waiting, overlap: (r.overlap_policy ?? 'ALLOW') as OverlapPolicy });
  }
  return result;
}
