import type { Kysely } from 'kysely';
import type { RunStatus, RunTrigger } from '@taskomatic/shared';
import type { Tables } from '../tables.js';

/**
 * A task run with its bunch run around it: the row of run history, as Spacewalk listed runs (one per task).
 * Instants are epoch milliseconds.
 */
export interface RunView {
  readonly id: number;
  readonly bunchRunId: number;
  readonly scheduleId: number | null;
  readonly scheduleLabel: string | null;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly position: number;
  readonly task: string;
  readonly status: RunStatus;
  readonly statusReason: string | null;
  readonly trigger: RunTrigger;
  readonly dueAt: number;
  readonly createdAt: number;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly exitCode: number | null;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
  readonly stdoutDropped: number;
  readonly stderrDropped: number;
  /** Fires the bunch run stands for (more than 1 for a streak of skipped or missed fires). */
  readonly fireCount: number;
}

/** Which runs to list; every field narrows the list. */
export interface RunFilter {
  readonly scheduleId?: number;
  readonly bunch?: string;
  readonly task?: string;
  /** null: satellite-level runs only. */
  readonly orgId?: number | null;
  readonly statuses?: ReadonlyArray<RunStatus>;
  /** Runs due at or after this instant. */
  readonly from?: number;
  /** Runs due before this instant. */
  readonly to?: number;
  /** Only runs older than this id (paging newest first). */
  readonly beforeId?: number;
  /** (default: 100) */
  readonly limit?: number;
}

function baseQuery(db: Kysely<Tables>) {
  return db
    .selectFrom('task_runs as t')
    .innerJoin('bunch_runs as r', 'r.id', 't.bunch_run_id')
    .innerJoin('bunches as b', 'b.id', 'r.bunch_id')
    .leftJoin('schedules as s', 's.id', 'r.schedule_id')
    .select([
      't.id',
      't.bunch_run_id',
      'r.schedule_id',
      's.label as schedule_label',
      'b.name as bunch',
      'r.org_id',
      't.position',
      't.task',
      't.status',
      't.status_reason',
      'r.trigger',
      'r.due_at',
      't.created_at',
      't.started_at',
      't.ended_at',
      't.exit_code',
      't.stdout_bytes',
      't.stderr_bytes',
      't.stdout_dropped',
      't.stderr_dropped',
      'r.fire_count',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** Runs matching `filter`, newest first. */
export async function listRuns(db: Kysely<Tables>, filter: RunFilter = {}): Promise<RunView[]> {
  let query = baseQuery(db);
  if (filter.scheduleId !== undefined) query = query.where('r.schedule_id', '=', filter.scheduleId);
  if (filter.bunch !== undefined) query = query.where('b.name', '=', filter.bunch);
  if (filter.task !== undefined) query = query.where('t.task', '=', filter.task);
  if (filter.orgId === null) query = query.where('r.org_id', 'is', null);
  else if (filter.orgId !== undefined) query = query.where('r.org_id', '=', filter.orgId);
  if (filter.statuses !== undefined && filter.statuses.length > 0) query = query.where('t.status', 'in', [...filter.statuses]);
  if (filter.from !== undefined) query = query.where('r.due_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('r.due_at', '<', filter.to);
  if (filter.beforeId !== undefined) query = query.where('t.id', '<', filter.beforeId);
  const rows = await query.orderBy('t.id', 'desc').limit(filter.limit ?? 100).execute();
  return rows.map(toView);
}

/** One task run, or undefined. */
export async function getRun(db: Kysely<Tables>, taskRunId: number): Promise<RunView | undefined> {
  const row = await baseQuery(db).where('t.id', '=', taskRunId).executeTakeFirst();
  return row ? toView(row) : undefined;
}

/** The task runs of one bunch run, in step order. */
export async function runsOfBunchRun(db: Kysely<Tables>, bunchRunId: number): Promise<RunView[]> {
  const rows = await baseQuery(db).where('t.bunch_run_id', '=', bunchRunId).orderBy('t.position').execute();
  return rows.map(toView);
}

const num = (value: number | null): number | null => (value === null ? null : Number(value));

function toView(r: Row): RunView {
  return {
    id: Number(r.id),
    bunchRunId: Number(r.bunch_run_id),
    scheduleId: num(r.schedule_id),
    scheduleLabel: r.schedule_label,
    bunch: r.bunch,
    orgId: num(r.org_id),
    position: Number(r.position),
    task: r.task,
    status: r.status as RunStatus,
    statusReason: r.status_reason,
    trigger: r.trigger as RunTrigger,
    dueAt: Number(r.due_at),
    createdAt: Number(r.created_at),
    startTime: num(r.started_at),
    endTime: num(r.ended_at),
    exitCode: num(r.exit_code),
    stdoutBytes: Number(r.stdout_bytes),
    stderrBytes: Number(r.stderr_bytes),
    stdoutDropped: Number(r.stdout_dropped),
    stderrDropped: Number(r.stderr_dropped),
    fireCount: Number(r.fire_count),
  };
}
