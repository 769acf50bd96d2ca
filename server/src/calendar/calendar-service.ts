import type { Kysely } from 'kysely';
import { type CronExpression, CronSyntaxError, describeCron, type ScheduleTiming, UnknownTimeZoneError } from '@taskomatic/shared';
import type { Settings } from '../db/repos/settings-repo.js';
import type { Tables } from '../db/tables.js';
import type { Clock } from '../engine/clock.js';
import { loadExceptions, timingOf } from '../engine/schedule-timing.js';
import { DomainError } from '../services/domain-error.js';
import type { CalendarData, CalendarQuery, CalendarRunData, CalendarScheduleData } from './calendar-data.js';
import { type ActiveSchedule, loadActiveSchedules, loadReadyRuns } from './calendar-queries.js';
import { loadExpectedDurations } from './expected-durations.js';
import { loadPastRuns } from './past-runs.js';
import { type ScheduleOccurrences, scheduleOccurrences } from './schedule-occurrences.js';

/** The longest range one calendar request may cover. */
export const MAX_RANGE_DAYS = 62;
/** Schedules with more fires or past runs than this in the range come as bands, unless the request says otherwise. */
export const DEFAULT_BAND_ABOVE = 200;
/** Past runs listed one by one at most (the latest ones); past that the answer is capped. */
export const RUNS_LIMIT = 100_000;
/** Fire times listed at most in all; schedules past that come as bands and the answer is capped. */
export const OCCURRENCES_LIMIT = 500_000;
/** Fire times of one schedule listed at most, whatever `bandAbove` says. */
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

/** A schedule with fires in the range, before its expected duration is known. */
interface Future {
  readonly schedule: ActiveSchedule;
  readonly timing: ScheduleTiming;
  readonly fires: ScheduleOccurrences;
}

/**
 * The calendar of a time range: past runs, and each schedule's future fires computed by the same code the
 * engine fires with (cron, zone, active window, skipped and moved occurrences; paused and ended schedules
 * fire nothing), with its expected duration from its recent finished runs. High-frequency schedules come as
 * bands, their fires counted and their past runs counted by status; anything cut sets `capped`. A fixed
 * number of queries whatever the number of schedules.
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
    // Fires are what is still to come: the past shows as runs. A fire due this very instant is the engine's
    // to claim (it claims ahead): it shows through its run, so computed fires start just after now.
    const now = clock.now();
    const start = Math.max(from, now);
    const firesFrom = Math.max(from, now + 1);

    const schedules = await loadActiveSchedules(db, scope);
    const readyRuns = await loadReadyRuns(db, scope, from, to);
    const past = await loadPastRuns(db, scope, from, to, bandAbove, RUNS_LIMIT);
    let capped = past.capped;
    const runs: CalendarRunData[] = [...past.runs];
    const exceptions = await loadExceptions(db, schedules.map((s) => s.id), start);

    const upcoming = upcomingBySchedule(readyRuns, start);
    for (const run of readyRuns) if (!isUpcoming(run, start) && !lockedRun(run, query)) runs.push(run);
    const ranAt = instantsRunAt(runs, start);

    const futures: Future[] = [];
    let listed = 0;
    for (const schedule of schedules) {
      const ready = upcoming.get(schedule.id) ?? [];
      upcoming.delete(schedule.id);
      let timing: ScheduleTiming;
      let fires: ScheduleOccurrences;
      try {
        timing = timingOf(schedule.timing);
        fires = scheduleOccurrences(timing, exceptions.get(schedule.id) ?? [], ready, ranAt.get(schedule.id), firesFrom, to, {
          bandAbove,
          listAtMost: Math.min(SCHEDULE_OCCURRENCES_LIMIT, OCCURRENCES_LIMIT - listed),
          countBudget: BAND_COUNT_BUDGET,
        });
      } catch (error) {
        // A cron that no longer parses or an unknown zone (a row edited by hand): the engine ends such a
        // schedule at its next claim; the other schedules still show.
        if (error instanceof CronSyntaxError || error instanceof UnknownTimeZoneError) continue;
        throw error;
      }
      listed += fires.times.length + fires.moved.length;
      capped ||= fires.capped;
      if (!schedule.locked) for (const run of fires.asRuns) runs.push(run);
      if (fires.times.length > 0 || fires.moved.length > 0 || fires.band) futures.push({ schedule, timing, fires });
    }
    // READY runs of schedules that fire no more by themselves (paused, ended): they still run.
    for (const list of upcoming.values()) for (const run of list) if (!lockedRun(run, query)) runs.push(run);

    runs.sort((a, b) => a.dueAt - b.dueAt || a.bunchRunId - b.bunchRunId);
    return { schedules: await this.#withDurations(futures), runs, runBands: past.runBands, capped, timeZone: settings().default_time_zone };
  }

  /** The schedules as the calendar shows them, with expected durations for those the caller may see runs of (not locked ones). */
  async #withDurations(futures: ReadonlyArray<Future>): Promise<CalendarScheduleData[]> {
    const durations = await loadExpectedDurations(
      this.#deps.db,
      futures.filter((f) => !f.schedule.locked).map((f) => f.schedule.id),
    );
    return futures.map(({ schedule, timing, fires }) => {
      const expected = schedule.locked ? undefined : durations.get(schedule.id);
      return {
        scheduleId: schedule.id,
        label: schedule.label,
        bunch: schedule.bunch,
        orgId: schedule.orgId,
        kind: timing.kind,
        cron: timing.cron ? schedule.timing.cron_expr : null,
        cronDescription: timing.cron ? sentence(timing.cron) : null,
        timeZone: timing.timeZone,
        expectedSeconds: expected?.medianSeconds ?? null,
        expectedSecondsP95: expected?.p95Seconds ?? null,
        locked: schedule.locked,
        times: fires.times,
        moved: fires.moved,
        band: fires.band,
      };
    });
  }
}

/** Cron sentences by parsed expression (shared through the engine's parse cache, so by text too). */
const sentences = new WeakMap<CronExpression, string>();

function sentence(cron: CronExpression): string {
  let text = sentences.get(cron);
  if (text === undefined) {
    text = describeCron(cron);
    sentences.set(cron, text);
  }
  return text;
}

/** A run of satellite-level work seen by an org admin: only its schedule's fires show, never the run. */
function lockedRun(run: CalendarRunData, query: CalendarQuery): boolean {
  return query.scope.org !== 'all' && run.orgId === null;
}

/** A READY run still to come may be one of its schedule's fires; one waiting past its time shows as a run. */
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

/**
 * Instants from `start` on that a schedule already has a run for (a claimed fire cancelled, say): no fire
 * there. Runs of a run band that finished are not read one by one, but a run due from now on has not finished.
 */
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
