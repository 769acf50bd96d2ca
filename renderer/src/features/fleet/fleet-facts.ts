import type { RunInfo, RunStatus, ScheduleInfo } from '@taskomatic/shared';
import type { UpcomingRange } from './upcoming-strip';

/** What the fleet overview knows of one satellite, from one round of calls. */
export interface FleetData {
  /** Task runs RUNNING now. */
  readonly running: ReadonlyArray<RunInfo>;
  /** Task runs due in the last 24 h that failed, timed out, were interrupted or missed (newest first). */
  readonly problems: ReadonlyArray<RunInfo>;
  /** More problems than one page held: the counts are "at least". */
  readonly problemsCapped: boolean;
  /** The schedules the user may see (active and paused; ended ones left out). */
  readonly schedules: ReadonlyArray<ScheduleInfo>;
  /** Median duration (ms) of recent finished bunch runs, by schedule id, for the schedules running now. */
  readonly medianMs: Readonly<Record<number, number>>;
  /** The server's fires for the next 24 hours (every fire, not only each schedule's next), for the strip. */
  readonly upcoming: UpcomingRange;
  /** Where that window starts, on the satellite's clock. */
  readonly upcomingFrom: number;
}

/** One bunch run, folded from its task runs (the API lists runs step by step). */
export interface BunchRunSummary {
  readonly bunchRunId: number;
  readonly scheduleId?: number;
  readonly label?: string;
  readonly bunch: string;
  /** The status of its most telling step: a failure over a finish, running over waiting. */
  readonly status: RunStatus;
  readonly dueTime: Date;
  readonly startTime?: Date;
  /** Fires it stands for (a streak of missed fires is one record). */
  readonly fireCount: number;
}

export const FAILED_STATUSES: ReadonlyArray<RunStatus> = ['FAILED', 'TIMED_OUT', 'INTERRUPTED'];
export const PROBLEM_STATUSES: ReadonlyArray<RunStatus> = [...FAILED_STATUSES, 'MISSED'];

/** How far past its next fire time a schedule must be before it counts as overdue (the engine fires within a second or two). */
export const OVERDUE_GRACE_MS = 60_000;

/** Clock skew above this is worth a warning: fire times shown in the app would be off by that much. */
export const SKEW_WARN_MS = 5_000;

const WEIGHT: Readonly<Record<RunStatus, number>> = {
  FAILED: 9, TIMED_OUT: 9, INTERRUPTED: 8, MISSED: 7, RUNNING: 6, POSTPONED: 5, READY: 4, CANCELLED: 3, SKIPPED: 2, FINISHED: 1,
};

/** Folds task runs into their bunch runs, keeping the order in which each bunch run first appears. */
export function bunchRuns(runs: ReadonlyArray<RunInfo>): ReadonlyArray<BunchRunSummary> {
  const byId = new Map<number, BunchRunSummary>();
  for (const run of runs) {
    const known = byId.get(run.bunchRunId);
    const startTime = earliest(known?.startTime, run.startTime);
    if (!known) {
      byId.set(run.bunchRunId, { bunchRunId: run.bunchRunId, scheduleId: run.scheduleId, label: run.scheduleLabel, bunch: run.bunch, status: run.status, dueTime: run.dueTime, startTime, fireCount: run.fireCount });
    } else {
      const status = WEIGHT[run.status] > WEIGHT[known.status] ? run.status : known.status;
      byId.set(run.bunchRunId, { ...known, status, startTime, fireCount: Math.max(known.fireCount, run.fireCount) });
    }
  }
  return [...byId.values()];
}

function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/** Bunch runs that failed, timed out or were interrupted. */
export function failedRuns(data: FleetData): ReadonlyArray<BunchRunSummary> {
  return bunchRuns(data.problems).filter((run) => FAILED_STATUSES.includes(run.status));
}

/** Bunch runs recorded as missed (each may stand for several fires). */
export function missedRuns(data: FleetData): ReadonlyArray<BunchRunSummary> {
  return bunchRuns(data.problems).filter((run) => run.status === 'MISSED');
}

/** How many fires were missed: a record of a streak counts each of its fires. */
export function missedFires(data: FleetData): number {
  return missedRuns(data).reduce((sum, run) => sum + run.fireCount, 0);
}

/** Active schedules whose next fire time passed (by more than the grace) without firing, as of the satellite's `now`. */
export function overdueSchedules(schedules: ReadonlyArray<ScheduleInfo>, now: number): ReadonlyArray<ScheduleInfo> {
  return schedules.filter((schedule) => !schedule.paused && !schedule.ended && schedule.nextFireTime !== undefined && schedule.nextFireTime.getTime() < now - OVERDUE_GRACE_MS);
}

/** The `count` soonest upcoming fires (overdue ones left out: they are listed as overdue). */
export function nextFires(schedules: ReadonlyArray<ScheduleInfo>, now: number, count: number): ReadonlyArray<ScheduleInfo> {
  return schedules
    .filter((schedule) => !schedule.paused && !schedule.ended && schedule.nextFireTime !== undefined && schedule.nextFireTime.getTime() >= now - OVERDUE_GRACE_MS)
    .sort((a, b) => (a.nextFireTime?.getTime() ?? 0) - (b.nextFireTime?.getTime() ?? 0))
    .slice(0, count);
}
