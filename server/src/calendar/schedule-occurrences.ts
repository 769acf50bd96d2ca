import { type OccurrenceException, type ScheduleTiming, nextScheduledFire } from '@taskomatic/shared';
import type { CalendarRunData, FireBandData, MovedFire } from './calendar-data.js';
import { type FireList, listFires } from './fire-list.js';
import { summarizeFires } from './fire-summary.js';
import { timesOfDay } from './times-of-day.js';

const DAY_MS = 86_400_000;

export interface OccurrenceLimits {
  /** More fires than this make a band. */
  readonly bandAbove: number;
  /** More than this make a band whatever `bandAbove` says, and the answer is marked capped. */
  readonly listAtMost: number;
  /** Fires a band may enumerate one by one (around daylight-saving changes and exceptions) before its count is cut. */
  readonly countBudget: number;
}

export interface ScheduleOccurrences {
  /** Regular fires, ascending (empty with a band). */
  readonly times: number[];
  /** Moved occurrences at their new instants, ascending (empty with a band). */
  readonly moved: MovedFire[];
  readonly band: FireBandData | null;
  /** The band's count was cut, or the schedule became a band only because of `listAtMost`. */
  readonly capped: boolean;
  /** READY runs that are no fire of the schedule (requested for an instant, a catch-up): listed as runs instead. */
  readonly asRuns: CalendarRunData[];
}

/**
 * The future fires of one active schedule in [start, to): those its timing and exceptions give (the engine's
 * own code), where a READY run that is one of its fires (claimed by the engine ahead of time) stands in for
 * the computed fire, and an instant it already has a run for (a claimed fire cancelled, say) shows no fire.
 * More than `bandAbove` of them come as one band.
 */
export function scheduleOccurrences(
  timing: ScheduleTiming,
  exceptions: ReadonlyArray<OccurrenceException>,
  ready: ReadonlyArray<CalendarRunData>,
  ranAt: ReadonlySet<number> | undefined,
  start: number,
  to: number,
  limits: OccurrenceLimits,
): ScheduleOccurrences {
  const threshold = Math.min(limits.bandAbove, limits.listAtMost);
  // A schedule that may fire more than `threshold` times is counted first (cheap), so that a band does not
  // cost `threshold` fires enumerated for nothing; the others are enumerated straight away.
  let summary = mayFireMoreThan(timing, exceptions, start, to, threshold) ? summarizeFires(timing, exceptions, start, to, limits.countBudget) : null;
  let fires: FireList | null = null;
  if (!summary || (!summary.capped && summary.count <= threshold)) {
    const listed = listFires(timing, exceptions, start, to, threshold);
    if (listed.capped) summary ??= summarizeFires(timing, exceptions, start, to, limits.countBudget);
    else fires = listed;
  }
  const times: number[] = [];
  const moved: MovedFire[] = [];
  const asRuns: CalendarRunData[] = [];
  const readyAt = new Set<number>();
  for (const run of ready) {
    const fire = readyFire(run, exceptions);
    if (!fire) {
      asRuns.push(run);
      continue;
    }
    readyAt.add(run.dueAt);
    if (fires === null) {
      // In a band, a READY run at one of the band's fires is that fire: counted there, not shown twice.
      const counted = run.dueAt >= start && nextScheduledFire(timing, exceptions, run.dueAt - 1)?.at === run.dueAt;
      if (!counted) asRuns.push(run);
    } else if (fire.from === null) times.push(fire.at);
    else moved.push({ at: fire.at, from: fire.from });
  }
  if (fires !== null) {
    const taken = (at: number) => readyAt.has(at) || ranAt?.has(at) === true;
    for (const at of fires.times) if (!taken(at)) times.push(at);
    for (const fire of fires.moved) if (!taken(fire.at)) moved.push(fire);
    // READY runs come first, the computed fires after them: put them in order.
    if (readyAt.size > 0) {
      times.sort((a, b) => a - b);
      moved.sort((a, b) => a.at - b.at);
    }
    return { times, moved, band: null, capped: false, asRuns };
  }
  const band: FireBandData | null = summary && { count: summary.count, first: summary.first, last: summary.last, everySeconds: summary.everySeconds };
  return { times, moved, band, capped: !summary || summary.capped || summary.count <= limits.bandAbove, asRuns };
}

/**
 * False when the schedule certainly fires at most `limit` times in [start, to): its times of day on every day
 * of the range (a day more at each end, and one for a daylight-saving change), plus its moved occurrences.
 */
function mayFireMoreThan(timing: ScheduleTiming, exceptions: ReadonlyArray<OccurrenceException>, start: number, to: number, limit: number): boolean {
  const perDay = timing.kind === 'cron' && timing.cron ? timesOfDay(timing.cron).seconds.length : 0;
  const days = Math.ceil((to - start) / DAY_MS) + 3;
  const regular = timing.kind === 'once' ? 1 : perDay * days;
  return regular + exceptions.length > limit;
}

/**
 * The fire a READY run is: a regular one (`from` null) for a claimed cron or one-time fire, a moved one for a
 * claimed moved occurrence; null for a run that is no fire (requested for an instant, a catch-up, or a moved
 * fire whose exception is gone).
 */
function readyFire(run: CalendarRunData, exceptions: ReadonlyArray<OccurrenceException>): { at: number; from: number | null } | null {
  switch (run.trigger) {
    case 'cron':
    case 'once':
      return { at: run.dueAt, from: null };
    case 'moved': {
      const exception = exceptions.find((e) => e.action === 'move' && e.movedTo === run.dueAt);
      return exception ? { at: run.dueAt, from: exception.occurrenceAt } : null;
    }
    default:
      return null;
  }
}
