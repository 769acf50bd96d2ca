import type { ScheduleInfo } from '@taskomatic/shared';
import { errorInfoOf } from '@taskomatic/shared/ipc';
import { desktopApi } from '../../../api';
import { formatInstant } from '../../../lib/time-format';
import { useCalendarStore } from '../../../stores/calendar-store';
import { useToastsStore } from '../../../stores/toasts-store';
import type { CalendarItem } from '../calendar-items';
import { dropPlan, type DropPlan } from './drop-plan';
import { useDragStore } from './drag-store';
import { inverseOf, type CommittedMove, type InverseCall } from './move-inverse';

/** How long the "Moved … · Undo" toast stays (UX.md). */
const UNDO_MS = 10_000;

type ReadyPlan = Extract<DropPlan, { ok: true }>;

/**
 * Sends a drop: the block shows pending until the server answers; then a toast with Undo, or the block goes back
 * with the server's reason (a version conflict says who changed it, with Reload). Every change is an API call, so
 * the server's audit trail records it.
 */
export async function sendDrop(item: CalendarItem, plan: ReadyPlan, zone: string): Promise<void> {
  const drag = useDragStore.getState();
  drag.addPending({ key: item.key, satelliteId: item.satelliteId, label: item.label, target: plan.call.method === 'schedules.moveOccurrence' || plan.choice === 'once' ? Number(plan.after) : item.start, durationMs: item.end - item.start });
  const api = desktopApi();
  try {
    let move: CommittedMove | undefined;
    const call = plan.call;
    if (call.method === 'schedules.moveOccurrence') {
      const saved = await api.call(item.satelliteId, call.method, call.request);
      move = { kind: 'occurrence', scheduleId: saved.id, version: saved.version, occurrence: call.request.occurrence.getTime(), previouslyAt: item.movedFrom === undefined ? null : item.start };
    } else if (call.method === 'schedules.update') {
      const saved = await api.call(item.satelliteId, call.method, call.request);
      move = call.request.cron !== undefined ? { kind: 'cron', scheduleId: saved.id, version: saved.version, before: String(plan.before) } : { kind: 'run-at', scheduleId: saved.id, version: saved.version, before: item.start };
    } else {
      await api.call(item.satelliteId, call.method, call.request);
    }
    const what = typeof plan.after === 'number' ? `to ${formatInstant(new Date(plan.after), zone)}` : `to ${plan.after}`;
    if (move) {
      const undoable = { satelliteId: item.satelliteId, label: item.label, move };
      drag.setLastMove(undoable);
      useToastsStore.getState().show({ kind: 'success', text: `Moved ${item.label} ${what}`, action: { label: 'Undo', run: () => void undoMove(undoable.move) } }, UNDO_MS);
    } else {
      // A split makes a second schedule: taking it back is two changes, done in the schedule editor.
      useToastsStore.getState().show({ kind: 'success', text: `Split ${item.label}: a new series runs ${what} from this fire on` }, UNDO_MS);
    }
  } catch (error) {
    refused(item, error);
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
    refused(item, error);
    return;
  }
  const plan = dropPlan(schedule, { at: item.start, original: item.start }, target, 'once');
  if (plan.ok) await sendDrop(item, plan, zone);
}

/** Takes back the last confirmed move (the toast's Undo, Ctrl/Cmd+Z). False when there is none. */
export function undoLast(): boolean {
  const last = useDragStore.getState().lastMove;
  if (!last) return false;
  void undoMove(last.move);
  return true;
}

async function undoMove(move: CommittedMove): Promise<void> {
  const drag = useDragStore.getState();
  const last = drag.lastMove;
  if (!last || last.move !== move) return;
  drag.setLastMove(undefined);
  try {
    await callInverse(last.satelliteId, inverseOf(move));
    useToastsStore.getState().show({ kind: 'info', text: `Move of ${last.label} undone` });
  } catch (error) {
    const info = errorInfoOf(error);
    useToastsStore.getState().show({ kind: 'error', text: `Could not undo the move of ${last.label}: ${info.message}` });
  } finally {
    useCalendarStore.getState().reload(last.satelliteId);
  }
}

async function callInverse(satelliteId: string, inverse: InverseCall): Promise<void> {
  const api = desktopApi();
  if (inverse.method === 'schedules.update') await api.call(satelliteId, inverse.method, inverse.request);
  else if (inverse.method === 'schedules.restoreOccurrence') await api.call(satelliteId, inverse.method, inverse.request);
  else await api.call(satelliteId, inverse.method, inverse.request);
}

function refused(item: CalendarItem, error: unknown): void {
  const info = errorInfoOf(error);
  const toasts = useToastsStore.getState();
  if (info.fault === 'VERSION_CONFLICT') {
    toasts.show({ kind: 'error', text: `${item.label} was changed meanwhile, not moved: ${info.message}`, action: { label: 'Reload', run: () => useCalendarStore.getState().reload(item.satelliteId) } });
  } else {
    toasts.show({ kind: 'error', text: `${item.label} not moved: ${info.message}` });
  }
}
