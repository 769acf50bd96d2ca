import { shiftCron } from './cron-shift.js';
import { parseCron } from './cron-parse.js';
import { nextFireTime } from './next-fire.js';
import { timeZoneOffset } from './time-zone.js';

// "This and following" on the calendar: the schedule ends just before the dragged fire, and a new schedule starts
// with the shifted cron at the drop. Two schedules rather than one edited one, so that the past keeps its history.

/** The series as it is, and the fire dragged to `target`. */
export interface SeriesSplitRequest {
  readonly cron: string;
  readonly timeZone: string;
  readonly occurrenceAt: number;
  readonly target: number;
  readonly activeFrom: number | null;
  /** Exclusive. */
  readonly activeTill: number | null;
}

export type SeriesSplit =
  | {
      readonly ok: true;
      /** The old schedule's new active-till: the dragged fire no longer happens in it (exclusive bound). */
      readonly oldActiveTill: number;
      readonly newCron: string;
      /** Inclusive: the new schedule's first fire is the dropped one. */
      readonly newActiveFrom: number;
      /** The old end moved by the same shift, so the new series ends as many fires later; null: no end. */
      readonly newActiveTill: number | null;
      /** The new series' first fire, for the preview (equals `target` unless it falls in a daylight-saving gap). */
      readonly firstFire: number | null;
    }
  | { readonly ok: false; readonly reason: string };

/** Splits a cron series at `occurrenceAt`; the shift is measured on the zone's wall clock, as the cron reads it. */
export function splitSeries(request: SeriesSplitRequest): SeriesSplit {
  const { cron, timeZone, occurrenceAt, target } = request;
  // Wall-clock delta, not instant delta: across a daylight-saving change "an hour later" on the calendar is the
  // same wall time plus an hour, which is what the shifted cron will mean.
  const delta = target + timeZoneOffset(timeZone, target) - (occurrenceAt + timeZoneOffset(timeZone, occurrenceAt));
  const shift = shiftCron(cron, delta);
  if (!shift.ok) return shift;
  if (request.activeFrom !== null && occurrenceAt <= request.activeFrom) {
    return { ok: false, reason: 'this is the first fire of the schedule: change all occurrences instead' };
  }
  // From the drop on, not from the dragged fire: a new fire before the drop stands for an old fire that the old
  // series already makes.
  const newActiveFrom = target;
  return {
    ok: true,
    oldActiveTill: occurrenceAt,
    newCron: shift.cron,
    newActiveFrom,
    newActiveTill: request.activeTill === null ? null : request.activeTill + (target - occurrenceAt),
    firstFire: nextFireTime(parseCron(shift.cron), timeZone, newActiveFrom - 1),
  };
}
