import type { ResultOf, StartIf } from '@taskomatic/shared';
import type { Kysely } from 'kysely';
import type { RunView } from '../../db/repos/runs-repo.js';
import type { ScheduleView } from '../../db/repos/schedules-repo.js';
import type { Tables } from '../../db/tables.js';
import { compact, date } from './scope.js';

/** Spacewalk's structs, as the contract declares them (snake_case, with a few additions). */
export type SpacewalkSchedule = ResultOf<'taskomatic.lookupScheduleById'>;
export type SpacewalkRun = ResultOf<'taskomatic.listScheduleSatRuns'>[number];
export type SpacewalkBunch = ResultOf<'taskomatic.lookupBunchByName'>;

/**
 * A schedule as Spacewalk's `TaskoSchedule`. Spacewalk ended a schedule by setting its `active_till` to the
 * moment it was unscheduled, and scripts read that field to tell ended schedules apart; here the end is its
 * own column, so an ended schedule shows the earlier of its window's end and the moment it ended.
 */
export function toSpacewalkSchedule(view: ScheduleView): SpacewalkSchedule {
  const activeTill = view.endedAt !== null && (view.activeTill === null || view.endedAt < view.activeTill) ? view.endedAt : view.activeTill;
  const schedule: SpacewalkSchedule = {
    id: view.id,
    job_label: view.label,
    bunch: view.bunch,
    active_from: date(view.activeFrom),
    active_till: date(activeTill),
    cron_expr: view.cron ?? undefined,
    data_map: { ...view.params },
    org_id: view.orgId ?? undefined,
    time_zone: view.timeZone,
    next_fire_time: date(view.nextFireAt),
    run_at: date(view.runAt),
    paused: view.paused,
    ended_at: date(view.endedAt),
    end_reason: view.endReason ?? undefined,
    version: view.version,
  };
  return compact(schedule);
}

/** A task run as Spacewalk's `TaskoRun`; the log "paths" say whether the stream holds anything. */
export function toSpacewalkRun(run: RunView): SpacewalkRun {
  return compact({
    id: run.id,
    schedule_id: run.scheduleId ?? undefined,
    task: run.task,
    start_time: date(run.startTime),
    end_time: date(run.endTime),
    status: run.status,
    stdOutputPath: run.stdoutBytes > 0,
    stdErrorPath: run.stderrBytes > 0,
    bunch: run.bunch,
    bunch_run_id: run.bunchRunId,
    due_time: new Date(run.dueAt),
    status_reason: run.statusReason ?? undefined,
    exit_code: run.exitCode ?? undefined,
  });
}

/** Which bunches to read: one scope (`orgBunch`), one name, or both. */
export interface BunchQuery {
  readonly orgBunch?: boolean;
  readonly name?: string;
}

/**
 * Bunches as Spacewalk's `TaskoBunch`, by name, read from the database: a listing shows what is stored, even
 * between a change and the engine reloading its bunches. `templates` are the steps, `ordering` counting from 0.
 */
export async function readSpacewalkBunches(db: Kysely<Tables>, query: BunchQuery): Promise<SpacewalkBunch[]> {
  let bunches = db.selectFrom('bunches').select(['id', 'name', 'description']);
  if (query.orgBunch !== undefined) bunches = bunches.where('org_bunch', '=', query.orgBunch ? 1 : 0);
  if (query.name !== undefined) bunches = bunches.where('name', '=', query.name);
  const rows = await bunches.orderBy('name').execute();
  if (rows.length === 0) return [];
  const steps = await db
    .selectFrom('bunch_steps')
    .select(['bunch_id', 'position', 'task', 'start_if'])
    .where('bunch_id', 'in', rows.map((r) => r.id))
    .orderBy('bunch_id')
    .orderBy('position')
    .execute();
  return rows.map((bunch) => ({
    name: bunch.name,
    description: bunch.description,
    templates: steps
      .filter((s) => Number(s.bunch_id) === Number(bunch.id))
      .map((s, ordering) => compact({ ordering, task: s.task, start_if: (s.start_if as StartIf) ?? undefined })),
  }));
}
