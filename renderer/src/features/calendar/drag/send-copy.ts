import type { ScheduleInfo } from '@taskomatic/shared';
import { errorInfoOf } from '@taskomatic/shared/ipc';
import { desktopApi } from '../../../api';
import { formatInstant } from '../../../lib/time-format';
import { useCalendarStore } from '../../../stores/calendar-store';
import { useToastsStore } from '../../../stores/toasts-store';
import type { CalendarItem } from '../calendar-items';
import { copyPlan } from './copy-plan';
import { UNDO_MS } from './move-outcome';
import { useDragStore } from './drag-store';
import { nameOf, roleOn } from './satellite-facts';

/**
 * A Ctrl+drop on another satellite's lane: reads that satellite's bunches and orgs, then creates the one-time copy
 * there (copy-plan.ts decides what, or why not). The copy shows pending at its place until the server answers; the
 * toast's Undo deletes it. Every step is an API call, so the target's audit trail records it.
 */
export async function sendCopy(item: CalendarItem, scheduleLoad: Promise<ScheduleInfo>, targetSatelliteId: string, at: number, zone: string): Promise<void> {
  const toasts = useToastsStore.getState();
  const name = nameOf(targetSatelliteId);
  const key = `copy:${item.key}`;
  useDragStore.getState().addPending({ key, satelliteId: targetSatelliteId, label: item.label, target: at, durationMs: item.end - item.start });
  try {
    const api = desktopApi();
    const [schedule, bunches, orgs] = await Promise.all([scheduleLoad, api.call(targetSatelliteId, 'bunches.list'), api.call(targetSatelliteId, 'orgs.list')]);
    const plan = copyPlan(
      { label: schedule.label, bunch: schedule.bunch, params: schedule.params, org: schedule.org, timeZone: schedule.timeZone },
      { name, role: roleOn(targetSatelliteId), bunches: bunches.map((bunch) => bunch.name), orgs },
      at,
      Date.now(),
    );
    if (!plan.ok) {
      toasts.show({ kind: 'error', text: `${item.label} not copied: ${plan.reason}` });
      return;
    }
    const created = await api.call(targetSatelliteId, 'schedules.create', plan.request);
    toasts.show({ kind: 'success', text: `Copied ${item.label} to ${name} at ${formatInstant(new Date(at), zone)}`, action: { label: 'Undo', run: () => void undoCopy(targetSatelliteId, created, item.label, name) } }, UNDO_MS);
  } catch (error) {
    toasts.show({ kind: 'error', text: `${item.label} not copied to ${name}: ${errorInfoOf(error).message}` });
  } finally {
    useDragStore.getState().removePending(key);
    useCalendarStore.getState().reload(targetSatelliteId);
  }
}

async function undoCopy(satelliteId: string, created: ScheduleInfo, label: string, name: string): Promise<void> {
  const toasts = useToastsStore.getState();
  try {
    await desktopApi().call(satelliteId, 'schedules.delete', { id: created.id });
    toasts.show({ kind: 'info', text: `Copy of ${label} on ${name} undone` });
  } catch (error) {
    toasts.show({ kind: 'error', text: `Could not undo the copy of ${label} on ${name}: ${errorInfoOf(error).message}` });
  } finally {
    useCalendarStore.getState().reload(satelliteId);
  }
}
