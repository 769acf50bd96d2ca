import { type OccurrenceException, type ScheduleTiming, type ScheduledFire, nextScheduledFire, scheduledFires } from '@taskomatic/shared';
import type { CalendarBandData, CalendarOccurrenceData, CalendarRunData, OccurrenceTrigger } from './calendar-data.js';
import { summarizeFires } from './fire-summary.js';
import { timesOfDay } from './times-of-day.js';

const DAY_MS = 86_400_000;

/** An occurrence being built: its expected duration is filled in once known (null until then). */
export type OccurrenceDraft = { -readonly [K in keyof CalendarOccurrenceData]: CalendarOccurrenceData[K] };

/** Who a schedule is, as its occurrences and band show it. */
export interface ScheduleIdentity {
  readonly scheduleId: number;
  readonly label: string;
  readonly bunch: string;
  readonly orgId: number | null;
  readonly locked: boolean;
}

export interface OccurrenceLimits {
  /** More occurrences than this make a band. */
  readonly bandAbove: number;
  /** More than this make a band whatever `bandAbove` says, and the answer is marked capped. */
  readonly listAtMost: number;
  /** Fires a band may enumerate one by one (around daylight-saving changes and exceptions) before its count is cut. */
  readonly countBudget: number;
}

export interface ScheduleOccurrences {
  readonly occurrences: OccurrenceDraft[];
  readonly band: CalendarBandData | null;
  /** The band's count was cut, or the schedule became a band only because of `listAtMost`. */
  readonly capped: boolean;
  /** READY runs that are no occurrence (a trigger an occurrence cannot have): listed as runs instead. */
  readonly asRuns: CalendarRunData[];
}

/**
 * The future occurrences of one active schedule in [start, to): the fires its timing and exceptions give (the
 * engine's own code), where a READY run for the same instant (a fire the engine already claimed, a run
 * requested for then) stands in for the computed fire, and an instant it already ran at (a claimed fire
 * cancelled, say) shows no occurrence. More than `bandAbove` of them come as one band.
 */
export function scheduleOccurrences(
  who: ScheduleIdentity,
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
  let fires: ScheduledFire[] | null = null;
  if (!summary || (!summary.capped && summary.count <= threshold)) {
    const exact = scheduledFires(timing, exceptions, start, to, threshold);
    if (exact.capped) summary ??= summarizeFires(timing, exceptions, start, to, limits.countBudget);
    else fires = exact.fires;
  }
  const tooMany = fires === null;
  const occurrences: OccurrenceDraft[] = [];
  const asRuns: CalendarRunData[] = [];
  const readyAt = new Set<number>();
  for (const run of ready) {
    const occurrence = readyOccurrence(who, run, exceptions);
    if (!occurrence) {
      asRuns.push(run);
      continue;
    }
    readyAt.add(run.dueAt);
    // In a band, a READY run at one of the band's fires is that fire: counted there, not shown twice.
    if (tooMany && run.dueAt >= start && nextScheduledFire(timing, exceptions, run.dueAt - 1)?.at === run.dueAt) continue;
    occurrences.push(occurrence);
  }
  if (fires !== null) {
    for (const fire of fires) {
      if (readyAt.has(fire.at) || ranAt?.has(fire.at)) continue;
      occurrences.push(occurrence(who, fire.at, fire.trigger, fire.trigger === 'moved' ? fire.occurrenceAt : null));
    }
    return { occurrences, band: null, capped: false, asRuns };
  }
  const band: CalendarBandData | null = summary && {
    scheduleId: who.scheduleId,
    label: who.label,
    bunch: who.bunch,
    orgId: who.orgId,
    locked: who.locked,
    count: summary.count,
    first: summary.first,
    last: summary.last,
    everySeconds: summary.everySeconds,
  };
  return { occurrences, band, capped: !summary || summary.capped || summary.count <= limits.bandAbove, asRuns };
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

/** A READY run as an occurrence of its schedule, or null when its trigger is none an occurrence has (a catch-up). */
export function readyOccurrence(who: ScheduleIdentity, run: CalendarRunData, exceptions: ReadonlyArray<OccurrenceException>): OccurrenceDraft | null {
  const trigger = occurrenceTrigger(run.trigger);
  if (!trigger) return null;
  const moved = trigger === 'moved' ? exceptions.find((e) => e.action === 'move' && e.movedTo === run.dueAt) : undefined;
  return occurrence(who, run.dueAt, trigger, moved?.occurrenceAt ?? null);
}

function occurrenceTrigger(trigger: string): OccurrenceTrigger | null {
  return trigger === 'cron' || trigger === 'once' || trigger === 'moved' || trigger === 'manual' ? trigger : null;
}

function occurrence(who: ScheduleIdentity, at: number, trigger: OccurrenceTrigger, movedFrom: number | null): OccurrenceDraft {
  return {
    scheduleId: who.scheduleId,
    label: who.label,
    bunch: who.bunch,
    orgId: who.orgId,
    at,
    trigger,
    movedFrom,
    expectedSeconds: null,
    expectedSecondsP95: null,
    locked: who.locked,
  };
}
