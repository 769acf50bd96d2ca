import type { Kysely } from 'kysely';
import type { RunStatus } from '@taskomatic/shared';
import type { SchedulesTable, Tables } from '../db/tables.js';
import type { CalendarRunData, CalendarScope } from './calendar-data.js';

// The calendar's reads, one query each whatever the number of schedules. Org scoping is applied here, from
// the scope the caller's identity decided.

/** An active schedule in scope, with what its occurrences need. */
export interface CalendarSchedule {
  readonly id: number;
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
  /** Shown for information only (a satellite-level schedule seen by an org admin). */
  readonly locked: boolean;
  readonly timing: Pick<SchedulesTable, 'kind' | 'cron_expr' | 'time_zone' | 'run_at' | 'active_from' | 'active_till'>;
}

/** The schedules that can still fire: not ended, not paused. */
export async function loadActiveSchedules(db: Kysely<Tables>, scope: CalendarScope): Promise<CalendarSchedule[]> {
  const orgId = scope.org === 'all' ? null : scope.org;
  const rows = await db
    .selectFrom('schedules as s')
    .innerJoin('bunches as b', 'b.id', 's.bunch_id')
    .select(['s.id', 's.label', 'b.name as bunch', 's.org_id', 's.kind', 's.cron_expr', 's.time_zone', 's.run_at', 's.active_from', 's.active_till'])
    .where('s.ended_at', 'is', null)
    .where('s.paused', '=', 0)
    .$if(orgId !== null, (q) =>
      q.where((eb) => (scope.satelliteLocked ? eb.or([eb('s.org_id', '=', orgId), eb('s.org_id', 'is', null)]) : eb('s.org_id', '=', orgId))),
    )
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    label: r.label,
    bunch: r.bunch,
    orgId: r.org_id === null ? null : Number(r.org_id),
    locked: orgId !== null && r.org_id === null,
    timing: r,
  }));
}

function runsQuery(db: Kysely<Tables>, from: number, to: number) {
  return db
    .selectFrom('bunch_runs as r')
    .innerJoin('bunches as b', 'b.id', 'r.bunch_id')
    .leftJoin('schedules as s', 's.id', 'r.schedule_id')
    .select(['r.id', 'r.schedule_id', 's.label', 'b.name as bunch', 'r.org_id', 'r.status', 'r.trigger', 'r.due_at', 'r.started_at', 'r.ended_at'])
    .where('r.due_at', '>=', from)
    .where('r.due_at', '<', to);
}

type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['execute']>>[number];

function toRun(r: RunRow): CalendarRunData {
  return {
    bunchRunId: Number(r.id),
    scheduleId: r.schedule_id === null ? null : Number(r.schedule_id),
    label: r.label,
    bunch: r.bunch,
    orgId: r.org_id === null ? null : Number(r.org_id),
    status: r.status as RunStatus,
    trigger: r.trigger,
    dueAt: Number(r.due_at),
    startedAt: r.started_at === null ? null : Number(r.started_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
  };
}

/**
 * READY bunch runs due in [from, to): claimed fires and runs requested for an instant. With a locked
 * satellite scope, also those of satellite-level schedules (they become locked occurrences, never runs).
 */
export async function loadReadyRuns(db: Kysely<Tables>, scope: CalendarScope, from: number, to: number): Promise<CalendarRunData[]> {
  const orgId = scope.org === 'all' ? null : scope.org;
  const rows = await runsQuery(db, from, to)
    .where('r.status', '=', 'READY')
    .$if(orgId !== null, (q) =>
      q.where((eb) =>
        scope.satelliteLocked
          ? eb.or([eb('r.org_id', '=', orgId), eb.and([eb('r.org_id', 'is', null), eb('r.schedule_id', 'is not', null)])])
          : eb('r.org_id', '=', orgId),
      ),
    )
    .orderBy('r.due_at')
    .orderBy('r.id')
    .execute();
  return rows.map(toRun);
}

/**
 * Bunch runs due in [from, to) that are no longer READY (running, waiting, ended), oldest first: at most
 * `limit`, the latest ones when there are more (what ran last matters most).
 */
export async function loadPastRuns(db: Kysely<Tables>, scope: CalendarScope, from: number, to: number, limit: number): Promise<CalendarRunData[]> {
  const orgId = scope.org === 'all' ? null : scope.org;
  const rows = await runsQuery(db, from, to)
    .where('r.status', '!=', 'READY')
    .$if(orgId !== null, (q) => q.where('r.org_id', '=', orgId))
    .orderBy('r.due_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map(toRun);
}
