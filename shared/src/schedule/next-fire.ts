import { DAY_MS, SECOND_MS, wallTime } from './calendar.js';
import type { CronExpression } from './cron-expression.js';
import { CRON_MAX_YEAR, CRON_MIN_YEAR } from './cron-expression.js';
import { nextCronWallTime } from './cron-match.js';
import type { OffsetSpan } from './time-zone.js';
import { offsetSpanAt } from './time-zone.js';

// The cron expression is evaluated on the zone's wall clock, under the daylight-saving rule of the conformance
// README: (1) a wall time skipped by a spring-forward change fires once, shifted forward by the gap; (2) a wall
// time repeated by a fall-back change fires at its first occurrence, and at the second one too when the hour field
// is interval-like (`*` or `/`); (3) fire times strictly increase and never repeat.
//
// Time is walked in spans of constant offset (time-zone.ts). A span [start, end) with offset o owns two kinds of
// fires, and both fall inside the span, so the first span that has one holds the answer:
//   - wall times the clock shows during the span, at `wall - o`; when the span opens with a fall-back change, the
//     wall times repeated from the previous span are second occurrences and count only for interval-like hours;
//   - when the span opens with a spring-forward change, the wall times the clock skipped, at `wall - previousOffset`
//     (the old offset carries them past the change: shifted forward by the gap).
// Taking the earliest candidate and searching strictly after it makes a shifted time that lands on a regular fire
// count once (rule 3).

/** Earliest and latest instants worth searching: the cron calendar spans 1970-2099 in every zone (offsets < 1 day). */
const EARLIEST_INSTANT = wallTime(CRON_MIN_YEAR, 1, 1, 0, 0, 0) - DAY_MS;
const LATEST_INSTANT = wallTime(CRON_MAX_YEAR + 1, 1, 1, 0, 0, 0) + DAY_MS;
/** More than any UTC offset, so that `wall - JUMP_MARGIN` is an instant before that wall time in every zone. */
const JUMP_MARGIN_MS = 2 * DAY_MS;

/**
 * The first fire time strictly after `after` (epoch milliseconds) of `cron` on the wall clock of `timeZone`, or
 * null when there is none (e.g. its years are past). Throws UnknownTimeZoneError for an unknown zone.
 */
export function nextFireTime(cron: CronExpression, timeZone: string, after: number): number | null {
  // Fires fall on whole seconds, so the search starts at the first whole second after `after`.
  let from = Math.max(Math.floor(after / SECOND_MS) * SECOND_MS + SECOND_MS, EARLIEST_INSTANT);
  while (from < LATEST_INSTANT) {
    const span = offsetSpanAt(timeZone, from);
    const fire = firstFireInSpan(cron, span, from);
    if (fire !== null) return fire;
    if (span.end === Infinity) return null;
    // Skip the spans that cannot hold a fire: later spans show no wall time below `lowestWall`, and the next cron
    // wall time from there fires no earlier than JUMP_MARGIN_MS before it.
    const following = offsetSpanAt(timeZone, span.end);
    const lowestWall = span.end + Math.min(following.offset, following.previousOffset);
    const nextWall = nextCronWallTime(cron, lowestWall);
    if (nextWall === null) return null;
    from = Math.max(span.end, nextWall - JUMP_MARGIN_MS);
  }
  return null;
}

/** The first `count` fire times strictly after `after`, ascending; fewer when the expression runs out. */
export function nextFireTimes(cron: CronExpression, timeZone: string, after: number, count: number): number[] {
  const times: number[] = [];
  let cursor = after;
  while (times.length < count) {
    const next = nextFireTime(cron, timeZone, cursor);
    if (next === null) break;
    times.push(next);
    cursor = next;
  }
  return times;
}

/** The earliest fire owned by `span` at or after `from` (a whole second inside the span), or null. */
function firstFireInSpan(cron: CronExpression, span: OffsetSpan, from: number): number | null {
  const { start, end, offset, previousOffset } = span;
  let fire: number | null = null;

  let fromWall = from + offset;
  if (previousOffset > offset && !cron.hourIsInterval) fromWall = Math.max(fromWall, start + previousOffset);
  const shown = nextCronWallTime(cron, fromWall);
  if (shown !== null && shown < end + offset) fire = shown - offset;

  if (previousOffset < offset && from < start + (offset - previousOffset)) {
    const skipped = nextCronWallTime(cron, from + previousOffset);
    if (skipped !== null && skipped < start + offset) {
      const shifted = skipped - previousOffset;
      if (fire === null || shifted < fire) fire = shifted;
    }
  }
  return fire;
}
