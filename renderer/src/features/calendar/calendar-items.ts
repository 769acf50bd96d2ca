import type { ResultOf, RunStatus } from '@taskomatic/shared';
import { frequentBand } from './frequent-fires';

export type CalendarRange = ResultOf<'calendar.range'>;
export type CalendarScheduleInfo = CalendarRange['schedules'][number];

/** One thing drawn on the calendar: a past or waiting run, a future occurrence, or a band of many. */
export interface CalendarItem {
  readonly key: string;
  readonly satelliteId: string;
  readonly kind: 'run' | 'occurrence' | 'band';
  readonly start: number;
  /** Drawn up to here: the run's end, or the expected (median) duration. */
  readonly end: number;
  /** The 95th percentile of the duration, drawn lighter after `end`. */
  readonly tailEnd: number;
  /** Runs: their status; occurrences and future bands: READY (scheduled). */
  readonly status: RunStatus;
  readonly scheduleId?: number;
  readonly bunchRunId?: number;
  /** Occurrences: their schedule's kind and zone (a drag snaps on that zone's wall clock). */
  readonly scheduleKind?: 'cron' | 'once';
  readonly scheduleZone?: string;
  readonly label: string;
  readonly bunch: string;
  readonly orgId?: number;
  /** Shown for information only (an org admin's view of satellite-level work). */
  readonly locked: boolean;
  /** Moved here from this instant (an "only this occurrence" move). */
  readonly movedFrom?: number;
  readonly band?: { readonly count: number; readonly everySeconds?: number; readonly byStatus?: Readonly<Record<string, number>>; /** The last fire or run. */ readonly last?: number };
}

/** Drawn length of something without an expected duration: a sliver, still visible. */
const NO_DURATION_MS = 60_000;

/** A satellite's answer as items; `orgAdmin` locks satellite-level runs (their struct carries no lock). */
export function calendarItems(satelliteId: string, range: CalendarRange, orgAdmin: boolean, now: number): ReadonlyArray<CalendarItem> {
  const items: CalendarItem[] = [];
  const schedules = new Map(range.schedules.map((schedule) => [schedule.scheduleId, schedule]));
  for (const schedule of range.schedules) {
    const median = (schedule.expectedSeconds ?? 0) * 1000 || NO_DURATION_MS;
    const p95 = Math.max(median, (schedule.expectedSecondsP95 ?? 0) * 1000);
    const common = { satelliteId, scheduleId: schedule.scheduleId, label: schedule.label, bunch: schedule.bunch, orgId: schedule.orgId, locked: schedule.locked, status: 'READY' as const, scheduleKind: schedule.kind, scheduleZone: schedule.timeZone };
    const band = schedule.band ?? frequentBand(schedule.times);
    if (band) {
      items.push({ ...common, key: `${satelliteId}/b${schedule.scheduleId}`, kind: 'band', start: band.first.getTime(), end: band.last.getTime() + median, tailEnd: band.last.getTime() + p95, band: { count: band.count, everySeconds: band.everySeconds, last: band.last.getTime() } });
    }
    // A frequent schedule is its band only (the server sends no times with its own bands either).
    for (const time of band ? [] : schedule.times) {
      const start = time.getTime();
      items.push({ ...common, key: `${satelliteId}/o${schedule.scheduleId}@${start}`, kind: 'occurrence', start, end: start + median, tailEnd: start + p95 });
    }
    for (const moved of schedule.moved) {
      const start = moved.time.getTime();
      items.push({ ...common, key: `${satelliteId}/m${schedule.scheduleId}@${start}`, kind: 'occurrence', start, end: start + median, tailEnd: start + p95, movedFrom: moved.from.getTime() });
    }
  }
  for (const band of range.runBands) {
    const schedule = schedules.get(band.scheduleId);
    items.push({
      key: `${satelliteId}/r${band.scheduleId}`,
      satelliteId,
      kind: 'band',
      start: band.first.getTime(),
      end: band.last.getTime() + ((schedule?.expectedSeconds ?? 0) * 1000 || NO_DURATION_MS),
      tailEnd: band.last.getTime(),
      status: worstOf(band.byStatus),
      scheduleId: band.scheduleId,
      label: band.label,
      bunch: band.bunch,
      orgId: band.orgId,
      locked: schedule?.locked ?? (orgAdmin && band.orgId === undefined),
      band: { count: band.count, byStatus: band.byStatus, last: band.last.getTime() },
    });
  }
  for (const run of range.runs) {
    const schedule = run.scheduleId === undefined ? undefined : schedules.get(run.scheduleId);
    const start = (run.startTime ?? run.dueTime).getTime();
    const expected = (schedule?.expectedSeconds ?? 0) * 1000 || NO_DURATION_MS;
    const end = run.endTime ? run.endTime.getTime() : run.status === 'RUNNING' ? Math.max(now, start + NO_DURATION_MS) : start + expected;
    items.push({
      key: `${satelliteId}/x${run.bunchRunId}`,
      satelliteId,
      kind: 'run',
      start,
      end: Math.max(end, start + 1),
      tailEnd: run.endTime ? end : Math.max(end, start + Math.max(expected, (schedule?.expectedSecondsP95 ?? 0) * 1000)),
      status: run.status,
      scheduleId: run.scheduleId,
      bunchRunId: run.bunchRunId,
      label: run.label ?? run.bunch,
      bunch: run.bunch,
      orgId: run.orgId,
      locked: schedule?.locked ?? (orgAdmin && run.orgId === undefined),
    });
  }
  return items;
}

/** The status a band of past runs shows: its worst outcome, so one failure among many is not hidden. */
const SEVERITY: ReadonlyArray<RunStatus> = ['FAILED', 'TIMED_OUT', 'INTERRUPTED', 'MISSED', 'CANCELLED', 'SKIPPED', 'RUNNING', 'POSTPONED', 'READY', 'FINISHED'];

export function worstOf(byStatus: Readonly<Record<string, number>>): RunStatus {
  return SEVERITY.find((status) => (byStatus[status] ?? 0) > 0) ?? 'FINISHED';
}
