import {
  type OccurrenceException,
  type ScheduleTiming,
  nextFireTime,
  offsetSpanAt,
  scheduledFires,
} from '@taskomatic/shared';
import { FireTally } from './fire-tally.js';
import { evenGap, firstAtOrAfter, timesOfDay } from './times-of-day.js';

const DAY_MS = 86_400_000;
/**
 * Longest daylight-saving shift considered (Samoa skipped a whole day in 2011). Fires within this time after an
 * offset change follow the daylight-saving rule rather than the plain pattern of the day.
 */
const SHIFT_MARGIN_MS = DAY_MS;

/** What a band says about the fires of a schedule in a window. */
export interface FireSummary {
  readonly count: number;
  readonly first: number;
  readonly last: number;
  /** The interval when every gap between fires is the same. */
  readonly everySeconds: number | null;
  /** True when more fires had to be enumerated one by one than the budget allowed: `count` is a lower bound. */
  readonly capped: boolean;
}

/**
 * Counts the fires `scheduledFires` gives for [from, to) without enumerating them: a dense schedule fires
 * tens of thousands of times in a week. The window is walked one wall-clock day of the schedule's zone at a
 * time. A day on a steady offset with no exception in it is counted from the cron's times of day (the day
 * matches when its first fire falls inside it); days with an offset change nearby, or with a skipped or moved
 * occurrence, are enumerated through `scheduledFires` itself, at most `budget` fires in all. Days without a fire
 * are jumped over. Null when nothing fires.
 */
export function summarizeFires(
  timing: ScheduleTiming,
  exceptions: ReadonlyArray<OccurrenceException>,
  from: number,
  to: number,
  budget: number,
): FireSummary | null {
  const tally = new FireTally();
  let left = budget;
  let capped = false;
  const exact = (start: number, end: number): boolean => {
    const { fires, capped: cut } = scheduledFires(timing, exceptions, start, end, left);
    for (const fire of fires) tally.add(fire.at);
    left -= fires.length;
    return !cut;
  };

  const cron = timing.cron;
  if (timing.kind !== 'cron' || cron === null) {
    capped = !exact(from, to);
  } else {
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
        if (!exact(cursor, end)) {
          capped = true;
          break;
        }
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
      if (first !== next || j <= i) {
        // The day does not follow its pattern after all (an offset that is not whole seconds): enumerate it.
        if (!exact(cursor, end)) {
          capped = true;
          break;
        }
      } else {
        const last = dayStart + (table.seconds[j - 1] ?? 0) * 1000;
        const gap = j - i > 1 ? evenGap(table, i, j) : null;
        tally.addRun(first, last, j - i, gap === null ? null : gap * 1000);
      }
      cursor = end;
    }
  }
  if (tally.first === null || tally.last === null) return null;
  return { count: tally.count, first: tally.first, last: tally.last, everySeconds: tally.everySeconds, capped };
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
