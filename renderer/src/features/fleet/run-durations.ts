import type { RunInfo, RunStatus } from '@taskomatic/shared';

/** How many of a schedule's latest finished bunch runs "usual" is drawn from (the server's calendar uses 20 too). */
export const RECENT_RUNS = 20;

/** Fewer finished runs than this say too little about what is usual. */
export const MIN_SAMPLES = 3;

/**
 * A run is "longer than usual" past twice the median of its schedule's recent runs, and at least this much
 * longer than the median: a 2-second task taking 5 seconds is not worth anyone's attention.
 */
export const LONG_RUN_SLACK_MS = 60_000;

const UNFINISHED: ReadonlyArray<RunStatus> = ['READY', 'POSTPONED', 'RUNNING'];
const UNSUCCESSFUL: ReadonlyArray<RunStatus> = ['FAILED', 'TIMED_OUT', 'CANCELLED', 'INTERRUPTED', 'MISSED'];

/** The median of some numbers, or undefined for none. */
export function median(values: ReadonlyArray<number>): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Durations (ms) of the bunch runs among some task runs that ended well: every step ended, none failed, one
 * at least finished. A bunch run lasts from its first step's start to its last step's end. Newest first, at
 * most RECENT_RUNS, given task runs newest first (as runs.list answers).
 */
export function finishedDurations(runs: ReadonlyArray<RunInfo>): ReadonlyArray<number> {
  const byBunchRun = new Map<number, RunInfo[]>();
  for (const run of runs) byBunchRun.set(run.bunchRunId, [...(byBunchRun.get(run.bunchRunId) ?? []), run]);
  const durations: number[] = [];
  for (const steps of byBunchRun.values()) {
    if (steps.some((step) => UNFINISHED.includes(step.status) || UNSUCCESSFUL.includes(step.status))) continue;
    if (!steps.some((step) => step.status === 'FINISHED')) continue;
    const starts = steps.flatMap((step) => (step.startTime ? [step.startTime.getTime()] : []));
    const ends = steps.flatMap((step) => (step.endTime ? [step.endTime.getTime()] : []));
    if (starts.length === 0 || ends.length === 0) continue;
    durations.push(Math.max(0, Math.max(...ends) - Math.min(...starts)));
    if (durations.length === RECENT_RUNS) break;
  }
  return durations;
}

/** The usual duration (median, ms) of a schedule from its recent task runs, or undefined when too few ended well. */
export function usualDuration(runs: ReadonlyArray<RunInfo>): number | undefined {
  const durations = finishedDurations(runs);
  return durations.length >= MIN_SAMPLES ? median(durations) : undefined;
}

/** True when a run that started at `startMs` has, at `nowMs`, run longer than usual. */
export function isRunningLong(startMs: number, nowMs: number, usualMs: number | undefined): boolean {
  if (usualMs === undefined) return false;
  const elapsed = nowMs - startMs;
  return elapsed > 2 * usualMs && elapsed - usualMs >= LONG_RUN_SLACK_MS;
}
