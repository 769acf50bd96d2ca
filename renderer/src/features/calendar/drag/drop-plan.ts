import { describeCron, nextFireTimes, parseCron, shiftCron, splitSeries, timeZoneOffset, type ScheduleInfo } from '@taskomatic/shared';

/** How much of a series a drop moves (UX.md): the least destructive first. */
export type DropChoice = 'only' | 'following' | 'all';

/** One option of the drop, ready to send, with what it changes in words; or why it cannot be offered. */
export type DropPlan =
  | {
      readonly ok: true;
      readonly choice: DropChoice | 'once';
      /** Old and new: a cron, or an instant (ms) for a single fire. */
      readonly before: string | number;
      readonly after: string | number;
      /** The new cron in words (choices that change the cron). */
      readonly sentence?: string;
      /** The new cron's next fires from the drop on, for the preview (choices that change the cron). */
      readonly nextFires?: ReadonlyArray<number>;
      readonly call:
        | { readonly method: 'schedules.update'; readonly request: { readonly id: number; readonly version: number; readonly runAt?: Date; readonly cron?: string } }
        | { readonly method: 'schedules.moveOccurrence'; readonly request: { readonly id: number; readonly version: number; readonly occurrence: Date; readonly to: Date; readonly reason: string } }
        | { readonly method: 'schedules.split'; readonly request: { readonly id: number; readonly version: number; readonly from: Date; readonly endBefore: Date; readonly cron: string } };
    }
  | { readonly ok: false; readonly choice: DropChoice | 'once'; readonly reason: string };

/** Where the dragged block is, and whether it had been moved before (then `original` is the series' own time). */
export interface DraggedFire {
  readonly at: number;
  readonly original: number;
}

const REASON = 'Moved on the calendar';

/** The plan of a drop of `fire` to `target` for `choice` (`once`: a one-time schedule). */
export function dropPlan(schedule: ScheduleInfo, fire: DraggedFire, target: number, choice: DropChoice | 'once'): DropPlan {
  const base = { id: schedule.id, version: schedule.version };
  if (choice === 'once' || choice === 'only') {
    const call =
      choice === 'once'
        ? { method: 'schedules.update' as const, request: { ...base, runAt: new Date(target) } }
        : { method: 'schedules.moveOccurrence' as const, request: { ...base, occurrence: new Date(fire.original), to: new Date(target), reason: REASON } };
    return { ok: true, choice, before: fire.at, after: target, call };
  }
  const cron = schedule.cron;
  if (schedule.kind !== 'cron' || cron === undefined) return { ok: false, choice, reason: 'a one-time schedule has no series' };
  if (fire.at !== fire.original) return { ok: false, choice, reason: 'this fire was moved on its own: restore it first' };
  if (choice === 'following') {
    const split = splitSeries({ cron, timeZone: schedule.timeZone, occurrenceAt: fire.at, target, activeFrom: schedule.activeFrom?.getTime() ?? null, activeTill: schedule.activeTill?.getTime() ?? null });
    if (!split.ok) return { ok: false, choice, reason: split.reason };
    return { ok: true, choice, before: cron, after: split.newCron, sentence: sentenceOf(split.newCron), nextFires: firesOf(split.newCron, schedule.timeZone, split.newActiveFrom), call: { method: 'schedules.split', request: { ...base, from: new Date(split.newActiveFrom), endBefore: new Date(split.oldActiveTill), cron: split.newCron } } };
  }
  // The shift on the schedule's wall clock, as its cron reads it (the same across a daylight-saving change).
  const delta = target + timeZoneOffset(schedule.timeZone, target) - (fire.at + timeZoneOffset(schedule.timeZone, fire.at));
  const shift = shiftCron(cron, delta);
  if (!shift.ok) return { ok: false, choice, reason: shift.reason };
  return { ok: true, choice, before: cron, after: shift.cron, sentence: sentenceOf(shift.cron), nextFires: firesOf(shift.cron, schedule.timeZone, target), call: { method: 'schedules.update', request: { ...base, cron: shift.cron } } };
}

function sentenceOf(cron: string): string {
  return describeCron(parseCron(cron));
}

/** Fires shown in the preview. */
const PREVIEW_FIRES = 3;

function firesOf(cron: string, timeZone: string, from: number): ReadonlyArray<number> {
  return nextFireTimes(parseCron(cron), timeZone, from - 1, PREVIEW_FIRES);
}
