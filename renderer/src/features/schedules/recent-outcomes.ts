import type { ResultOf, RunInfo, RunStatus } from '@taskomatic/shared';

type Calendar = ResultOf<'calendar.range'>;

/** One past firing of a schedule, as the list shows it. */
export interface PastRun {
  readonly bunchRunId: number;
  readonly status: RunStatus;
  readonly dueTime: Date;
}

/** What a schedule did lately. */
export interface ScheduleOutcomes {
  /** The latest runs, oldest first (at most `keep`). */
  readonly recent: ReadonlyArray<PastRun>;
  /** For a schedule that fired too often to list one by one: its runs in the window, counted by status. */
  readonly band?: { readonly count: number; readonly byStatus: Readonly<Record<string, number>> };
}

/** Runs shown in a strip (default: 10). */
export const RECENT_RUNS = 10;

/**
 * The status of a bunch run from its steps (runs.list lists task runs): under way while a step is; otherwise
 * the outcome of the last step that actually ran (a step skipped by its condition leaves the outcome as it was).
 */
export function bunchStatusOfSteps(steps: ReadonlyArray<Pick<RunInfo, 'step' | 'status'>>): RunStatus {
  const ordered = [...steps].sort((a, b) => a.step - b.step);
  const going = ordered.find((step) => step.status === 'RUNNING' || step.status === 'POSTPONED' || step.status === 'READY');
  if (going) return going.status;
  const ran = ordered.filter((step) => step.status !== 'SKIPPED');
  return ran.at(-1)?.status ?? 'SKIPPED';
}

/**
 * Recent outcomes of every schedule of one satellite from two calls, whatever the number of schedules: the
 * calendar's past window (each bunch run with its status; schedules that fired too often come as bands that
 * still list their unfinished runs one by one) and the newest page of run history (task runs), which holds
 * exactly the high-frequency schedules' latest runs. Waiting runs (READY) are not outcomes and are left out.
 */
export function outcomesBySchedule(calendar: Pick<Calendar, 'runs' | 'runBands'>, newest: ReadonlyArray<RunInfo>, keep = RECENT_RUNS): ReadonlyMap<number, ScheduleOutcomes> {
  const runs = new Map<number, Map<number, PastRun>>();
  const add = (scheduleId: number, run: PastRun, override: boolean) => {
    let own = runs.get(scheduleId);
    if (!own) runs.set(scheduleId, (own = new Map()));
    if (override || !own.has(run.bunchRunId)) own.set(run.bunchRunId, run);
  };
  const steps = new Map<number, RunInfo[]>();
  for (const step of newest) {
    if (step.scheduleId === undefined) continue;
    const list = steps.get(step.bunchRunId);
    if (list) list.push(step);
    else steps.set(step.bunchRunId, [step]);
  }
  for (const [bunchRunId, list] of steps) {
    const first = list[0];
    if (first?.scheduleId === undefined) continue;
    add(first.scheduleId, { bunchRunId, status: bunchStatusOfSteps(list), dueTime: first.dueTime }, false);
  }
  // The calendar's status is the bunch run's own: it wins over the one derived from steps.
  for (const run of calendar.runs) {
    if (run.scheduleId !== undefined) add(run.scheduleId, { bunchRunId: run.bunchRunId, status: run.status, dueTime: run.dueTime }, true);
  }
  const result = new Map<number, ScheduleOutcomes>();
  const bands = new Map(calendar.runBands.map((band) => [band.scheduleId, band]));
  for (const scheduleId of new Set([...runs.keys(), ...bands.keys()])) {
    const recent = [...(runs.get(scheduleId)?.values() ?? [])]
      .filter((run) => run.status !== 'READY')
      .sort((a, b) => a.dueTime.getTime() - b.dueTime.getTime() || a.bunchRunId - b.bunchRunId)
      .slice(-keep);
    const band = bands.get(scheduleId);
    result.set(scheduleId, band ? { recent, band: { count: band.count, byStatus: band.byStatus } } : { recent });
  }
  return result;
}

/** The latest run of a schedule, if it ran in the window. */
export function lastRun(outcomes: ScheduleOutcomes | undefined): PastRun | undefined {
  return outcomes?.recent.at(-1);
}
