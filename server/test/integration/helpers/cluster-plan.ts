import type { MisfirePolicy, OverlapPolicy } from '@taskomatic/shared';

/**
 * The schedules of the cluster failover test: 1,000 of them, every fire in one minute, each with the instants
 * it must fire at worked out here (not by the server's schedule code), so the test can tell a lost fire from a
 * doubled one.
 */

/** The command tasks of the test, one bunch each (the bunch has the task's name plus `-bunch`). */
export type WorkKind = 'work' | 'serial' | 'slow';

/** Task name and seconds of work of each kind: the slow one outlasts its cron's 2 s period. */
export const WORK: Readonly<Record<WorkKind, { readonly task: string; readonly seconds: number; readonly parallelizable: boolean }>> = {
  work: { task: 'cluster-work', seconds: 1.5, parallelizable: true },
  serial: { task: 'cluster-serial', seconds: 0.25, parallelizable: false },
  slow: { task: 'cluster-slow', seconds: 3, parallelizable: true },
};

export function bunchOf(kind: WorkKind): string {
  return `${WORK[kind].task}-bunch`;
}

/** How many schedules of each kind (1,000 in all). */
export const COUNTS: Readonly<Record<WorkKind, number>> = { work: 870, serial: 100, slow: 30 };

/** Every fire falls in [windowStart, windowStart + WINDOW_MS). */
export const WINDOW_MS = 60_000;

/** The slow schedules' cron: every even second; their active window starts and ends on odd ones. */
export const SLOW_CRON = '0/2 * * * * ?';

/** One schedule to create, with the fires it must make. */
export interface PlannedSchedule {
  /** Unique; also the `tag` parameter, which names the trace files of its executions. */
  readonly label: string;
  readonly kind: WorkKind;
  readonly overlapPolicy: OverlapPolicy;
  readonly misfirePolicy: MisfirePolicy;
  /** A one-time schedule's instant, or a cron with its active window (instants in ms, whole seconds). */
  readonly timing: { readonly runAt: number } | { readonly cron: string; readonly activeFrom: number; readonly activeTill: number };
  /** The instants it must fire at, ascending. */
  readonly occurrences: ReadonlyArray<number>;
}

const OVERLAPS: ReadonlyArray<OverlapPolicy> = ['SKIP', 'QUEUE_ONE', 'ALLOW'];
const MISFIRES: ReadonlyArray<MisfirePolicy> = ['RUN_ONCE', 'SKIP'];

/**
 * The plan for a window starting at `windowStart`, an odd second (so the slow crons' window bounds fall between
 * their fires, and whether a bound is inclusive does not matter):
 * - work: one-time schedules, 14 or 15 due at each second of the minute, 1.5 s of work each;
 * - serial: one-time schedules of the task that is not parallelizable, two due at each second of the first
 *   50 (a quarter second of work each: the second of a pair is POSTPONED until the first ends);
 * - slow: crons firing every 2 s for the minute (29 fires each), 3 s of work, a third under each overlap policy.
 * Misfire policies alternate; the overlap policy of a one-time schedule changes nothing but is mixed too.
 */
export function planSchedules(windowStart: number): PlannedSchedule[] {
  if (windowStart % 2000 !== 1000) throw new Error(`the window must start at an odd second, not ${new Date(windowStart).toISOString()}`);
  const plan: PlannedSchedule[] = [];
  const second = 1000;
  for (let i = 0; i < COUNTS.work; i++) {
    const runAt = windowStart + (i % 60) * second;
    plan.push(once(`cf-work-${pad(i)}`, 'work', runAt, OVERLAPS[i % 3], MISFIRES[i % 2]));
  }
  for (let i = 0; i < COUNTS.serial; i++) {
    const runAt = windowStart + (i % 50) * second;
    // The two of a pair (i and i + 50) have different misfire policies.
    plan.push(once(`cf-serial-${pad(i)}`, 'serial', runAt, OVERLAPS[i % 3], MISFIRES[Math.floor(i / 50) % 2]));
  }
  const activeFrom = windowStart;
  const activeTill = windowStart + 58 * second;
  const fires: number[] = [];
  for (let at = activeFrom + second; at < activeTill; at += 2 * second) fires.push(at);
  for (let i = 0; i < COUNTS.slow; i++) {
    plan.push({
      label: `cf-slow-${pad(i)}`,
      kind: 'slow',
      overlapPolicy: OVERLAPS[i % 3] ?? 'SKIP',
      misfirePolicy: MISFIRES[Math.floor(i / 3) % 2] ?? 'RUN_ONCE',
      timing: { cron: SLOW_CRON, activeFrom, activeTill },
      occurrences: fires,
    });
  }
  return plan;
}

function once(label: string, kind: WorkKind, runAt: number, overlapPolicy: OverlapPolicy | undefined, misfirePolicy: MisfirePolicy | undefined): PlannedSchedule {
  return { label, kind, overlapPolicy: overlapPolicy ?? 'SKIP', misfirePolicy: misfirePolicy ?? 'RUN_ONCE', timing: { runAt }, occurrences: [runAt] };
}

function pad(i: number): string {
  return String(i).padStart(4, '0');
}

/** The struct `schedules.create` takes for a planned schedule. */
export function createRequest(schedule: PlannedSchedule): Record<string, unknown> {
  const timing =
    'runAt' in schedule.timing
      ? { runAt: new Date(schedule.timing.runAt) }
      : { cron: schedule.timing.cron, timeZone: 'UTC', activeFrom: new Date(schedule.timing.activeFrom), activeTill: new Date(schedule.timing.activeTill) };
  return {
    label: schedule.label,
    bunch: bunchOf(schedule.kind),
    ...timing,
    params: { tag: schedule.label },
    overlapPolicy: schedule.overlapPolicy,
    misfirePolicy: schedule.misfirePolicy,
  };
}
