import { ApiFault, type ResultOf } from '@taskomatic/shared';
import type { CalendarBandData, CalendarOccurrenceData, CalendarRunData, CalendarScope } from '../../calendar/calendar-data.js';
import { CalendarService, calendarRangeProblem } from '../../calendar/calendar-service.js';
import type { Caller } from '../gate.js';
import type { ApiDeps } from './api-deps.js';
import type { HandlerGroup } from './handler.js';
import { mayOverviewSatellite } from './preferences.js';
import { callerOf, orgFilter } from './scope.js';

type Calendar = ResultOf<'calendar.range'>;

/** The calendar: past runs and future occurrences of a range, scoped to what the caller may see. */
export function calendarHandlers(deps: ApiDeps): HandlerGroup<'calendar.range'> {
  const calendar = new CalendarService({ db: deps.db, clock: deps.clock, settings: deps.settings });
  return {
    async 'calendar.range'(call, request) {
      const caller = callerOf(call);
      const from = request.from.getTime();
      const to = request.to.getTime();
      const problem = calendarRangeProblem(from, to);
      if (problem) throw new ApiFault('INVALID_ARGUMENT', problem);
      const scope = await scopeOf(deps, caller, request.orgId);
      const data = await calendar.range({ from, to, scope, ...(request.bandAbove !== undefined ? { bandAbove: request.bandAbove } : {}) });
      return {
        runs: data.runs.map(toRun),
        occurrences: data.occurrences.map(toOccurrence),
        bands: data.bands.map(toBand),
        capped: data.capped,
        timeZone: data.timeZone,
      };
    },
  };
}

/**
 * From the caller's identity: a satellite admin sees everything, or the one org asked for; an org admin sees
 * their own org, plus satellite-level occurrences (locked) when the satellite allows it and they turned it on.
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
// and a week of calendar holds tens of thousands of them.

function toRun(run: CalendarRunData): Calendar['runs'][number] {
  const api: Calendar['runs'][number] = { bunchRunId: run.bunchRunId, bunch: run.bunch, status: run.status, trigger: run.trigger, dueTime: new Date(run.dueAt) };
  if (run.scheduleId !== null) api.scheduleId = run.scheduleId;
  if (run.label !== null) api.label = run.label;
  if (run.orgId !== null) api.orgId = run.orgId;
  if (run.startedAt !== null) api.startTime = new Date(run.startedAt);
  if (run.endedAt !== null) api.endTime = new Date(run.endedAt);
  return api;
}

function toOccurrence(o: CalendarOccurrenceData): Calendar['occurrences'][number] {
  const api: Calendar['occurrences'][number] = { scheduleId: o.scheduleId, label: o.label, bunch: o.bunch, time: new Date(o.at), trigger: o.trigger, locked: o.locked };
  if (o.orgId !== null) api.orgId = o.orgId;
  if (o.movedFrom !== null) api.movedFrom = new Date(o.movedFrom);
  if (o.expectedSeconds !== null) api.expectedSeconds = o.expectedSeconds;
  if (o.expectedSecondsP95 !== null) api.expectedSecondsP95 = o.expectedSecondsP95;
  return api;
}

function toBand(b: CalendarBandData): Calendar['bands'][number] {
  const api: Calendar['bands'][number] = { scheduleId: b.scheduleId, label: b.label, bunch: b.bunch, count: b.count, first: new Date(b.first), last: new Date(b.last), locked: b.locked };
  if (b.orgId !== null) api.orgId = b.orgId;
  if (b.everySeconds !== null) api.everySeconds = b.everySeconds;
  return api;
}
