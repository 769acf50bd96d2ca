import { type OccurrenceException, type ScheduleTiming, type ScheduledFire, nextFireTime, offsetSpanAt, scheduledFires } from '@taskomatic/shared';
import { firstAtOrAfter, type TimesOfDay, timesOfDay } from './times-of-day.js';

const DAY_MS = 86_400_000;
/**
 * Longest daylight-saving shift considered (Samoa skipped a whole day in 2011). Fires within this time after an
 * offset change follow the daylight-saving rule rather than the plain pattern of the day.
 */
const SHIFT_MARGIN_MS = DAY_MS;

/** Takes the fires of a walk, in ascending order; each method answers false to stop the walk. */
export interface FireSink {
  /** One fire, enumerated by the engine's own code. */
  fire(fire: ScheduledFire): boolean;
  /** Regular fires at `dayStart` + `table.seconds[k]` seconds, for k in [i, j) (at least one). */
  day(dayStart: number, table: TimesOfDay, i: number, j: number): boolean;
}

/**
 * Walks the fires `scheduledFires` gives for [from, to) without computing each one: a dense schedule fires
 * tens of thousands of times in a week. The window is walked one wall-clock day of the schedule's zone at a
 * time. A day on a steady offset with no exception in it is given as a slice of the cron's times of day (the
 * day matches when its first fire falls inside it); days with an offset change nearby, or with a skipped or
 * moved occurrence, are enumerated through `scheduledFires` itself, at most `budget` fires in all. Days without
 * a fire are jumped over. False when the walk stopped before `to`: the budget ran out, or the sink said stop.
 */
export function walkFires(
  timing: ScheduleTiming,
  exceptions: ReadonlyArray<OccurrenceException>,
  from: number,
  to: number,
  budget: number,
  sink: FireSink,
): boolean {
  let left = budget;
  const exact = (start: number, end: number): boolean => {
    const { fires, capped } = scheduledFires(timing, exceptions, start, end, left);
    left -= fires.length;
    for (const fire of fires) if (!sink.fire(fire)) return false;
    return !capped;
  };

  const cron = timing.cron;
  if (timing.kind !== 'cron' || cron === null) return exact(from, to);
  const cuts = exceptionInstants(exceptions, from, to);
  const table = timesOfDay(cron);
  const activeFrom = timing.activeFrom ?? Number.NEGATIVE_INFINITY;
  const activeTill = timing.activeTill ?? Number.POSITIVE_INFINITY;
  let cut = 0;
  let cursor = from;
  while (cursor < to) {
    const offset = offsetSpanAt(timing.timeZone, cursor).offset;
    const dayStart = Math.floor((cursor + offset) / DAY_MS) * DAY_MS - offset;
    const end = Math.min(dayStart + DAY_MS, to);
    while (cut < cuts.length && (cuts[cut] ?? 0) < cursor) cut += 1;
    const nextCut = cuts[cut] ?? Number.POSITIVE_INFINITY;
    if (nextCut < end || !steadyOffset(timing.timeZone, dayStart - SHIFT_MARGIN_MS, end, offset)) {
      if (!exact(cursor, end)) return false;
      cursor = end;
      continue;
    }
    // A plain day: regular fires only, inside the active window.
    const low = Math.max(cursor, activeFrom);
    const high = Math.min(end, activeTill);
    let next = nextFireTime(cron, timing.timeZone, low - 1);
    if (next !== null && next >= activeTill) next = null;
    if (next === null || next >= high) {
      // Nothing fires before `next` (or the next exception): go straight there.
      cursor = Math.max(end, Math.min(next ?? Number.POSITIVE_INFINITY, nextCut, to));
      continue;
    }
    const i = firstAtOrAfter(table, Math.ceil((low - dayStart) / 1000));
    const j = firstAtOrAfter(table, Math.ceil((high - dayStart) / 1000));
    const first = dayStart + (table.seconds[i] ?? 0) * 1000;
    // The day does not follow its pattern after all (an offset that is not whole seconds): enumerate it.
    const going = first !== next || j <= i ? exact(cursor, end) : sink.day(dayStart, table, i, j);
    if (!going) return false;
    cursor = end;
  }
  return true;
}

/** Instants in [from, to) where an exception takes or puts a fire, ascending. */
function exceptionInstants(exceptions: ReadonlyArray<OccurrenceException>, from: number, to: number): number[] {
  const instants: number[] = [];
  for (const e of exceptions) {
    if (e.occurrenceAt >= from && e.occurrenceAt < to) instants.push(e.occurrenceAt);
    if (e.movedTo !== null && e.movedTo >= from && e.movedTo < to) instants.push(e.movedTo);
  }
  return instants.sort((a, b) => a - b);
}

/** True when the zone keeps `offset` throughout [start, end). */
function steadyOffset(timeZone: string, start: number, end: number, offset: number): boolean {
  let span = offsetSpanAt(timeZone, start);
  if (span.offset !== offset) return false;
  while (span.end < end) {
    span = offsetSpanAt(timeZone, span.end);
    if (span.offset !== offset) return false;
  }
  return true;
}
