import { assertNever } from '../model/status.js';
import { MINUTE_MS } from './calendar.js';
import { timeZoneOffset, wallTimeToInstant } from './time-zone.js';

// The pure rule behind a calendar drag (UX.md, "Drag to reschedule"): may this occurrence be dropped there? The
// calendar asks on every pointer move, so this does no I/O and reads no clock: `now` is passed in.

/** Why a drop is refused; each code has one sentence the calendar shows under the pointer. */
export type RescheduleRefusalCode =
  | 'unchanged'
  | 'locked'
  | 'other-satellite'
  | 'already-fired'
  | 'in-the-past'
  | 'before-previous-occurrence'
  | 'past-next-occurrence'
  | 'outside-active-window';

/** What the check needs to know about the dragged occurrence and the place it is dropped. */
export interface RescheduleDrop {
  readonly kind: 'cron' | 'once';
  /** When the dragged occurrence fires now (its moved instant, if it was moved before). */
  readonly occurrenceAt: number;
  readonly target: number;
  readonly now: number;
  /** The series' fires either side of the dragged one (null: none, or a one-time schedule). */
  readonly previousOccurrence: number | null;
  readonly nextOccurrence: number | null;
  readonly activeFrom: number | null;
  /** Exclusive, as in ScheduleTiming. */
  readonly activeTill: number | null;
  readonly satelliteId: string;
  readonly targetSatelliteId: string;
  /** The user may not edit the schedule (an org admin looking at satellite-level work). */
  readonly locked: boolean;
}

export type RescheduleCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: RescheduleRefusalCode;
      readonly reason: string;
      /** The instant the refusal is about (the neighbour or window edge), for the calendar to draw; else null. */
      readonly limit: number | null;
    };

/**
 * Whether `drop` may happen. Checks run from what the user cannot change (rights, satellite) to what a nearer
 * drop would fix (time bounds), so the reason shown is the one worth acting on.
 */
export function checkReschedule(drop: RescheduleDrop): RescheduleCheck {
  const refuse = (code: RescheduleRefusalCode, limit: number | null = null): RescheduleCheck => ({
    ok: false,
    code,
    reason: refusalReason(code),
    limit,
  });
  if (drop.locked) return refuse('locked');
  if (drop.targetSatelliteId !== drop.satelliteId) return refuse('other-satellite');
  if (drop.target === drop.occurrenceAt) return refuse('unchanged');
  if (drop.occurrenceAt <= drop.now) return refuse('already-fired');
  if (drop.target <= drop.now) return refuse('in-the-past', drop.now);
  // Moving one fire across its neighbour would reorder the series: that is a change of all or following fires.
  if (drop.kind === 'cron') {
    if (drop.previousOccurrence !== null && drop.target <= drop.previousOccurrence) {
      return refuse('before-previous-occurrence', drop.previousOccurrence);
    }
    if (drop.nextOccurrence !== null && drop.target >= drop.nextOccurrence) {
      return refuse('past-next-occurrence', drop.nextOccurrence);
    }
  }
  // The engine ignores a one-time run outside the window; a moved cron fire would still run there, but on the
  // calendar the window is drawn, and a drop beyond it is a slip far more often than a wish.
  if (drop.activeFrom !== null && drop.target < drop.activeFrom) return refuse('outside-active-window', drop.activeFrom);
  if (drop.activeTill !== null && drop.target >= drop.activeTill) return refuse('outside-active-window', drop.activeTill);
  return { ok: true };
}

/** The sentence for a refusal code (PRODUCT.md's words). */
export function refusalReason(code: RescheduleRefusalCode): string {
  switch (code) {
    case 'unchanged':
      return 'Dropped where it already is: nothing to change.';
    case 'locked':
      return 'You may not change satellite-level work.';
    case 'other-satellite':
      return 'Another satellite: hold Ctrl to copy it there';
    case 'already-fired':
      return 'This occurrence has already fired.';
    case 'in-the-past':
      return 'That time has passed. Run now instead?';
    case 'before-previous-occurrence':
      return 'An occurrence cannot move before the previous one; change this and following instead.';
    case 'past-next-occurrence':
      return "An occurrence cannot move past the series' next one; change this and following instead.";
    case 'outside-active-window':
      return "That is outside the schedule's active window; change the window first.";
    default:
      return assertNever(code);
  }
}

/**
 * Rounds `instant` to the nearest 5 minutes (1 minute when `fine`, i.e. Alt held) of the wall clock of
 * `timeZone`: zones with odd offsets (Asia/Kathmandu, +05:45) snap to their own quarter hours, not UTC's.
 */
export function snapToWallClock(instant: number, timeZone: string, fine: boolean): number {
  const step = (fine ? 1 : 5) * MINUTE_MS;
  const wall = instant + timeZoneOffset(timeZone, instant);
  return wallTimeToInstant(timeZone, Math.round(wall / step) * step);
}
