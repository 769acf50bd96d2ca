import { ApiFault, type ResultOf } from '@taskomatic/shared';
import type { CalendarRunBandData, CalendarRunData, CalendarScheduleData, CalendarScope } from '../../calendar/calendar-data.js';
import { CalendarService, calendarRangeProblem } from '../../calendar/calendar-service.js';
import type { ChangeFeed } from '../../services/change-feed.js';
import { RecentAnswers } from '../recent-answers.js';
import type { Caller } from '../gate.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroup } from './handler.js';
import { mayOverviewSatellite } from './preferences.js';
import { callerOf, orgFilter } from './scope.js';

type Calendar = ResultOf<'calendar.range'>;

/**
 * How long an answer is reused for the same range and scope (default: 2 s). Runs that end meanwhile show at
 * the next call; changes to schedules, bunches or settings are never served stale (they are part of the key).
 */
const CALENDAR_REUSE_MS = 2000;

/** The calendar: past runs and each schedule's future fires in a range, scoped to what the caller may see. */
export function calendarHandlers(deps: ApiDeps & { readonly changes: ChangeFeed }): HandlerGroup<'calendar.range'> {
  const calendar = new CalendarService({ db: deps.db, clock: deps.clock, settings: deps.settings });
  const recent = new RecentAnswers<Calendar>(deps.clock, CALENDAR_REUSE_MS);
  return {
    async 'calendar.range'(call, request) {
      const caller = callerOf(call);
      const from = request.from.getTime();
      const to = request.to.getTime();
      const problem = calendarRangeProblem(from, to);
      if (problem) throw new ApiFault('INVALID_ARGUMENT', problem);
      const scope = await scopeOf(deps, caller, request.orgId);
      // Clients that look at the same range at the same moment (a team's screens, one app's panels) share one
      // computation: it holds the event loop for tens of milliseconds, which the scheduler's timers feel.
      const key = JSON.stringify([from, to, scope, request.bandAbove ?? null, deps.changes.definitionsVersion]);
      return recent.get(key, async () => {
        const data = await calendar.range({ from, to, scope, ...(request.bandAbove !== undefined ? { bandAbove: request.bandAbove } : {}) });
        const dates = new DateCache();
        return {
          schedules: data.schedules.map((s) => toSchedule(s, dates)),
          runs: data.runs.map((r) => toRun(r, dates)),
          runBands: data.runBands.map(toRunBand),
          capped: data.capped,
          timeZone: data.timeZone,
        };
      });
    },
  };
}

/**
 * From the caller's identity: a satellite admin sees everything, or the one org asked for; an org admin sees
 * their own org, plus satellite-level fires (locked) when the satellite allows it and they turned it on.
 */
async function scopeOf(deps: ApiDeps, caller: Caller, orgId: number | undefined): Promise<CalendarScope> {
  const org = orgFilter(caller, orgId === undefined ? {} : { orgId });
  return {
    // orgFilter gives null only for a "satellite only" request, which the calendar has no parameter for.
    org: org === undefined || org === null ? 'all' : org,
    satelliteLocked: await mayOverviewSatellite(deps, caller),
  };
}

// Built field by field rather than through compact(): deleting keys slows every one of these objects down,
// and a week of calendar holds thousands of them.

/**
 * One Date per instant for a whole answer: schedules share most fire and due times (a week of a thousand
 * schedules has about 26,000 fires at some 10,000 instants), and every Date allocated lives until the answer
 * is written.
 * Nothing changes a Date of a result, so sharing them is safe.
 */
class DateCache {
  readonly #dates = new Map<number, Date>();

  of(at: number): Date {
    let date = this.#dates.get(at);
    if (!date) {
      date = new Date(at);
      this.#dates.set(at, date);
    }
    return date;
  }
}

function toSchedule(s: CalendarScheduleData, dates: DateCache): Calendar['schedules'][number] {
  const api: Calendar['schedules'][number] = {
    scheduleId: s.scheduleId,
    label: s.label,
    bunch: s.bunch,
    kind: s.kind,
    timeZone: s.timeZone,
    locked: s.locked,
    times: s.times.map((at) => dates.of(at)),
    moved: s.moved.map((m) => ({ time: new Date(m.at), from: new Date(m.from) })),
  };
  if (s.orgId !== null) api.orgId = s.orgId;
  if (s.cron !== null) api.cron = s.cron;
  if (s.cronDescription !== null) api.cronDescription = s.cronDescription;
  if (s.expectedSeconds !== null) api.expectedSeconds = s.expectedSeconds;
  if (s.expectedSecondsP95 !== null) api.expectedSecondsP95 = s.expectedSecondsP95;
  if (s.band) {
    const band: NonNullable<Calendar['schedules'][number]['band']> = { count: s.band.count, first: new Date(s.band.first), last: new Date(s.band.last) };
    if (s.band.everySeconds !== null) band.everySeconds = s.band.everySeconds;
    api.band = band;
  }
  return api;
}

function toRun(run: CalendarRunData, dates: DateCache): Calendar['runs'][number] {
  const api: Calendar['runs'][number] = { bunchRunId: run.bunchRunId, bunch: run.bunch, status: run.status, trigger: run.trigger, dueTime: dates.of(run.dueAt) };
  if (run.scheduleId !== null) api.scheduleId = run.scheduleId;
  if (run.label !== null) api.label = run.label;
  if (run.orgId !== null) api.orgId = run.orgId;
  if (run.startedAt !== null) api.startTime = new Date(run.startedAt);
  if (run.endedAt !== null) api.endTime = new Date(run.endedAt);
  return api;
}

function toRunBand(b: CalendarRunBandData): Calendar['runBands'][number] {
  const byStatus: Record<string, number> = {};
  for (const [status, count] of Object.entries(b.byStatus)) if (count !== undefined) byStatus[status] = count;
  const api: Calendar['runBands'][number] = { scheduleId: b.scheduleId, label: b.label, bunch: b.bunch, count: b.count, first: new Date(b.first), last: new Date(b.last), byStatus };
  if (b.orgId !== null) api.orgId = b.orgId;
  return api;
}
