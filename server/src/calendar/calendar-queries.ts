import type { Kysely } from 'kysely';
import type { RunStatus } from '@taskomatic/shared';
import type { SchedulesTable, Tables } from '../db/tables.js';
import type { CalendarRunData, CalendarScope } from './calendar-data.js';

// The calendar's reads of schedules and waiting runs, a fixed number of queries whatever the number of
// schedules (past runs: past-runs.ts). Org scoping is applied here, from the scope the caller's identity decided.

/** An active schedule in scope, with what its fires need. */
export interface ActiveSchedule {
  readonly id: number;
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
  /** Shown for information only (a satellite-level schedule seen by an org admin). */
  readonly locked: boolean;
  readonly timing: Pick<SchedulesTable, 'kind' | 'cron_expr' | 'time_zone' | 'run_at' | 'active_from' | 'active_till'>;
}

/** The org a scope is pinned to, or null for all of them. */
export function scopeOrg(scope: CalendarScope): number | null {
  return scope.org === 'all' ? null : scope.org;
}

/** The schedules that can still fire: not ended, not paused. */
export async function loadActiveSchedules(db: Kysely<Tables>, scope: CalendarScope): Promise<ActiveSchedule[]> {
  const orgId = scopeOrg(scope);
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

/** Bunch runs due in [from, to), as stored; `namedRuns` adds their schedule's label and their bunch's name. */
export function runsQuery(db: Kysely<Tables>, from: number, to: number) {
  return db
    .selectFrom('bunch_runs as r')
    .select(['r.id', 'r.schedule_id', 'r.bunch_id', 'r.org_id', 'r.status', 'r.trigger', 'r.due_at', 'r.started_at', 'r.ended_at'])
    .where('r.due_at', '>=', from)
    .where('r.due_at', '<', to);
}

export type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['execute']>>[number];

/** Label, bunch and org of a schedule (an ended one too). */
export interface ScheduleName {
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
}

/** Ids per query: well under every dialect's limit on bound parameters. */
const IDS_PER_QUERY = 5000;

/** Names of some schedules, by id. */
export async function scheduleNames(db: Kysely<Tables>, ids: ReadonlyArray<number>): Promise<Map<number, ScheduleName>> {
  const names = new Map<number, ScheduleName>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('schedules as s')
      .innerJoin('bunches as b', 'b.id', 's.bunch_id')
      .select(['s.id', 's.label', 'b.name as bunch', 's.org_id'])
      .where('s.id', 'in', ids.slice(i, i + IDS_PER_QUERY))
      .execute();
    for (const r of rows) names.set(Number(r.id), { label: r.label, bunch: r.bunch, orgId: r.org_id === null ? null : Number(r.org_id) });
  }
  return names;
}

/**
 * Runs with their schedule's label and their bunch's name, looked up once per schedule and bunch rather
 * than joined on every row: a week of runs repeats a few hundred names tens of thousands of times.
 */
export async function namedRuns(db: Kysely<Tables>, rows: ReadonlyArray<RunRow>): Promise<CalendarRunData[]> {
  const scheduleIds = new Set<number>();
  const bunchIds = new Set<number>();
  for (const r of rows) {
    if (r.schedule_id !== null) scheduleIds.add(Number(r.schedule_id));
    bunchIds.add(Number(r.bunch_id));
  }
  const schedules = await scheduleNames(db, [...scheduleIds]);
  const bunches = new Map<number, string>();
  const ids = [...bunchIds];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const found = await db.selectFrom('bunches').select(['id', 'name']).where('id', 'in', ids.slice(i, i + IDS_PER_QUERY)).execute();
    for (const b of found) bunches.set(Number(b.id), b.name);
  }
  return rows.map((r) => {
    const scheduleId = r.schedule_id === null ? null : Number(r.schedule_id);
    return {
      bunchRunId: Number(r.id),
      scheduleId,
      label: scheduleId === null ? null : (schedules.get(scheduleId)?.label ?? null),
      bunch: bunches.get(Number(r.bunch_id)) ?? `bunch ${r.bunch_id}`,
      orgId: r.org_id === null ? null : Number(r.org_id),
      status: r.status as RunStatus,
      trigger: r.trigger,
      dueAt: Number(r.due_at),
      startedAt: r.started_at === null ? null : Number(r.started_at),
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
    };
  });
}

/**
 * READY bunch runs due in [from, to): claimed fires and runs requested for an instant. With a locked
 * satellite scope, also those of satellite-level schedules (they may stand for a locked fire, never a run).
 */
export async function loadReadyRuns(db: Kysely<Tables>, scope: CalendarScope, from: number, to: number): Promise<CalendarRunData[]> {
  const orgId = scopeOrg(scope);
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
  return namedRuns(db, rows);
}
