import type { ScheduleInfo } from '@taskomatic/shared';
import { useCalendarStore } from '../../../stores/calendar-store';
import { useOutboxStore } from '../../../stores/outbox-store';
import { useToastsStore } from '../../../stores/toasts-store';
import type { CalendarItem } from '../calendar-items';
import { useDragStore } from './drag-store';
import { dropPlan } from './drop-plan';
import { sendMoveCall } from './move-call';
import { moveConfirmed, moveFailed, movedText } from './move-outcome';
import { queuedMoveOf, type ReadyPlan } from './outbox-entry';

export { undoLast } from './move-outcome';

/**
 * Sends a drop: the block shows pending until the server answers; then a toast with Undo (a split too: one call
 * takes it back), or the block goes back with the server's reason. A version conflict keeps the move for Reload or
 * Apply mine; a dropped connection keeps it "unconfirmed" in the outbox (move-outcome.ts). `replaces`: the queued
 * move this drop was planned again from (Apply mine), which the new send takes the place of. Every change is an API
 * call, so the server's audit trail records it.
 */
export async function sendDrop(item: CalendarItem, plan: ReadyPlan, schedule: ScheduleInfo, target: number, zone: string, replaces?: string): Promise<void> {
  if (replaces !== undefined) useOutboxStore.getState().remove(replaces);
  const queued = queuedMoveOf(item, plan, schedule, target, Date.now());
  useDragStore.getState().addPending({ key: item.key, satelliteId: item.satelliteId, label: item.label, target, durationMs: item.end - item.start });
  try {
    const move = await sendMoveCall(item.satelliteId, plan.call, item, plan.before);
    moveConfirmed(item.satelliteId, item.label, move, movedText(queued, zone));
  } catch (error) {
    moveFailed(queued, error);
  } finally {
    useCalendarStore.getState().reload(item.satelliteId);
    useDragStore.getState().removePending(item.key);
  }
}

/** A one-time run dropped: nothing to choose, sent once the schedule (its version) has been read. */
export async function sendOnceDrop(item: CalendarItem, scheduleLoad: Promise<ScheduleInfo>, target: number, zone: string): Promise<void> {
  let schedule: ScheduleInfo;
  try {
    schedule = await scheduleLoad;
  } catch (error) {
    // Without the schedule there is no version to send: nothing can be kept for later either.
    useToastsStore.getState().show({ kind: 'error', text: `${item.label} not moved: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  const plan = dropPlan(schedule, { at: item.start, original: item.start }, target, 'once');
  if (plan.ok) await sendDrop(item, plan, schedule, target, zone);
}
