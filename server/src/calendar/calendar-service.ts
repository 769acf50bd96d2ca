import type { Kysely } from 'kysely';
import { CronSyntaxError, UnknownTimeZoneError } from '@taskomatic/shared';
import type { Settings } from '../db/repos/settings-repo.js';
import type { Tables } from '../db/tables.js';
import type { Clock } from '../engine/clock.js';
import { loadExceptions, timingOf } from '../engine/schedule-timing.js';
import { DomainError } from '../services/domain-error.js';
import type { CalendarBandData, CalendarData, CalendarOccurrenceData, CalendarQuery, CalendarRunData } from './calendar-data.js';
import { loadActiveSchedules, loadPastRuns, loadReadyRuns } from './calendar-queries.js';
import { loadExpectedDurations } from './expected-durations.js';
import { type OccurrenceDraft, type ScheduleOccurrences, readyOccurrence, scheduleOccurrences } from './schedule-occurrences.js';

/** The longest range one calendar request may cover. */
export const MAX_RANGE_DAYS = 62;
/** Schedules with more occurrences than this in the range come as a band, unless the request says otherwise. */
export const DEFAULT_BAND_ABOVE = 200;
/** Past runs listed at most (the latest ones); past that the answer is capped. */
export const RUNS_LIMIT = 100_000;
/** Occurrences listed at most in all; schedules past that come as bands and the answer is capped. */
export const OCCURRENCES_LIMIT = 500_000;
/** Occurrences of one schedule listed at most, whatever `bandAbove` says. */
const SCHEDULE_OCCURRENCES_LIMIT = 100_000;
/** Fires a band may enumerate one by one before its count is cut (see summarizeFires). */
const BAND_COUNT_BUDGET = 100_000;

const DAY_MS = 86_400_000;

/** What is wrong with a range, in words; null when it is fine. */
export function calendarRangeProblem(from: number, to: number): string | null {
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'The range needs a valid from and to';
  if (to <= from) return `The range must end after it starts (from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()})`;
  if (to - from > MAX_RANGE_DAYS * DAY_MS) return `The range covers at most ${MAX_RANGE_DAYS} days; ask for a shorter one`;
  return null;
}

export interface CalendarServiceDeps {
  readonly db: Kysely<Tables>;
  readonly clock: Clock;
  readonly settings: () => Settings;
}

/**
 * The calendar of a time range: past runs, and future occurrences computed by the same code the engine fires
 * with (cron, zone, active window, skipped and moved occurrences; paused and ended schedules fire nothing),
 * with each schedule's expected duration from its recent finished runs. High-frequency schedules come as
 * bands; anything cut sets `capped`. A fixed number of queries whatever the number of schedules.
 */
export class CalendarService {
  readonly #deps: CalendarServiceDeps;

  constructor(deps: CalendarServiceDeps) {
    this.#deps = deps;
  }

  async range(query: CalendarQuery): Promise<CalendarData> {
    const { db, clock, settings } = this.#deps;
    const { from, to, scope } = query;
    const problem = calendarRangeProblem(from, to);
    if (problem) throw new DomainError('invalid-argument', problem);
    const bandAbove = query.bandAbove ?? DEFAULT_BAND_ABOVE;
    // Occurrences are what is still to come: the past shows as runs. A fire due this very instant is the
    // engine's to claim (it claims ahead): it shows through its run, so computed fires start just after now.
    const now = clock.now();
    const start = Math.max(from, now);
    const firesFrom = Math.max(from, now + 1);

    const schedules = await loadActiveSchedules(db, scope);
    const readyRuns = await loadReadyRuns(db, scope, from, to);
    const pastRows = await loadPastRuns(db, scope, from, to, RUNS_LIMIT + 1);
    let capped = pastRows.length > RUNS_LIMIT;
    const runs: CalendarRunData[] = capped ? pastRows.slice(1) : pastRows;

    const scheduleIds = new Set(schedules.map((s) => s.id));
    for (const run of readyRuns) if (run.scheduleId !== null) scheduleIds.add(run.scheduleId);
    const exceptions = await loadExceptions(db, [...scheduleIds], start);

    const upcoming = upcomingBySchedule(readyRuns, start);
    for (const run of readyRuns) if (!isUpcoming(run, start) && !lockedRun(run, query)) runs.push(run);
    const ranAt = instantsRunAt(runs, start);

    const drafts: OccurrenceDraft[] = [];
    const bands: CalendarBandData[] = [];
    for (const schedule of schedules) {
      const ready = upcoming.get(schedule.id) ?? [];
      upcoming.delete(schedule.id);
      const who = { scheduleId: schedule.id, label: schedule.label, bunch: schedule.bunch, orgId: schedule.orgId, locked: schedule.locked };
      let result: ScheduleOccurrences;
      try {
        result = scheduleOccurrences(who, timingOf(schedule.timing), exceptions.get(schedule.id) ?? [], ready, ranAt.get(schedule.id), firesFrom, to, {
          bandAbove,
          listAtMost: Math.min(SCHEDULE_OCCURRENCES_LIMIT, OCCURRENCES_LIMIT - drafts.length),
          countBudget: BAND_COUNT_BUDGET,
        });
      } catch (error) {
        // A cron that no longer parses or an unknown zone (a row edited by hand): the engine ends such a
        // schedule at its next claim; the other schedules still show.
        if (error instanceof CronSyntaxError || error instanceof UnknownTimeZoneError) continue;
        throw error;
      }
      for (const occurrence of result.occurrences) drafts.push(occurrence);
      if (result.band) bands.push(result.band);
      capped ||= result.capped;
      if (!schedule.locked) for (const run of result.asRuns) runs.push(run);
    }
    // READY runs of schedules that fire no more by themselves (paused, ended): they still run.
    for (const [scheduleId, list] of upcoming) {
      for (const run of list) {
        const locked = lockedRun(run, query);
        const occurrence = readyOccurrence(
          { scheduleId, label: run.label ?? `schedule ${scheduleId}`, bunch: run.bunch, orgId: run.orgId, locked },
          run,
          exceptions.get(scheduleId) ?? [],
        );
        if (occurrence) drafts.push(occurrence);
        else if (!locked) runs.push(run);
      }
    }

    const occurrences = await this.#withDurations(drafts);
    runs.sort((a, b) => a.dueAt - b.dueAt || a.bunchRunId - b.bunchRunId);
    occurrences.sort((a, b) => a.at - b.at || a.scheduleId - b.scheduleId);
    bands.sort((a, b) => a.first - b.first || a.scheduleId - b.scheduleId);
    return { runs, occurrences, bands, capped, timeZone: settings().default_time_zone };
  }

  /** Fills in expected durations, for occurrences the caller may see runs of (not for locked ones). */
  async #withDurations(drafts: OccurrenceDraft[]): Promise<CalendarOccurrenceData[]> {
    const ids = new Set<number>();
    for (const d of drafts) if (!d.locked) ids.add(d.scheduleId);
    const durations = await loadExpectedDurations(this.#deps.db, [...ids]);
    for (const d of drafts) {
      const expected = d.locked ? undefined : durations.get(d.scheduleId);
      if (expected) {
        d.expectedSeconds = expected.medianSeconds;
        d.expectedSecondsP95 = expected.p95Seconds;
      }
    }
    return drafts;
  }
}

/** A run of satellite-level work seen by an org admin: only its occurrences show, never the run. */
function lockedRun(run: CalendarRunData, query: CalendarQuery): boolean {
  return query.scope.org !== 'all' && run.orgId === null;
}

/** A READY run still to come counts as an occurrence of its schedule; one waiting past its time shows as a run. */
function isUpcoming(run: CalendarRunData, start: number): boolean {
  return run.dueAt >= start && run.scheduleId !== null;
}

function upcomingBySchedule(readyRuns: ReadonlyArray<CalendarRunData>, start: number): Map<number, CalendarRunData[]> {
  const bySchedule = new Map<number, CalendarRunData[]>();
  for (const run of readyRuns) {
    if (!isUpcoming(run, start) || run.scheduleId === null) continue;
    const list = bySchedule.get(run.scheduleId) ?? [];
    list.push(run);
    bySchedule.set(run.scheduleId, list);
  }
  return bySchedule;
}

/** Instants from `start` on that a schedule already has a run for (a claimed fire cancelled, say): no occurrence there. */
function instantsRunAt(runs: ReadonlyArray<CalendarRunData>, start: number): Map<number, Set<number>> {
  const bySchedule = new Map<number, Set<number>>();
  for (const run of runs) {
    if (run.scheduleId === null || run.dueAt < start) continue;
    const set = bySchedule.get(run.scheduleId) ?? new Set<number>();
    set.add(run.dueAt);
    bySchedule.set(run.scheduleId, set);
  }
  return bySchedule;
}
