import { desktopApi } from '../../../api';
import type { CalendarItem } from '../calendar-items';
import type { InverseCall, CommittedMove } from './move-inverse';
import type { PlannedCall } from './outbox-entry';

/**
 * Sends a drop's call and returns the move as the server confirmed it (what Undo takes back). `before` is the old
 * value the drop dialog showed (the old cron of an "all" move).
 */
export async function sendMoveCall(satelliteId: string, call: PlannedCall, item: CalendarItem, before: string | number): Promise<CommittedMove> {
  const api = desktopApi();
  switch (call.method) {
    case 'schedules.moveOccurrence': {
      const saved = await api.call(satelliteId, call.method, call.request);
      return { kind: 'occurrence', scheduleId: saved.id, version: saved.version, occurrence: call.request.occurrence.getTime(), previouslyAt: item.movedFrom === undefined ? null : item.start };
    }
    case 'schedules.update': {
      const saved = await api.call(satelliteId, call.method, call.request);
      return call.request.cron !== undefined ? { kind: 'cron', scheduleId: saved.id, version: saved.version, before: String(before) } : { kind: 'run-at', scheduleId: saved.id, version: saved.version, before: item.start };
    }
    case 'schedules.split': {
      const { ended, created } = await api.call(satelliteId, call.method, call.request);
      return { kind: 'split', scheduleId: ended.id, version: ended.version, continuedBy: created.id, continuedByVersion: created.version };
    }
  }
}

/** Sends the call that takes a move back. */
export async function sendInverseCall(satelliteId: string, inverse: InverseCall): Promise<void> {
  const api = desktopApi();
  switch (inverse.method) {
    case 'schedules.update':
      await api.call(satelliteId, inverse.method, inverse.request);
      return;
    case 'schedules.restoreOccurrence':
      await api.call(satelliteId, inverse.method, inverse.request);
      return;
    case 'schedules.moveOccurrence':
      await api.call(satelliteId, inverse.method, inverse.request);
      return;
    case 'schedules.undoSplit':
      await api.call(satelliteId, inverse.method, inverse.request);
      return;
  }
}

/** Adds a run of a schedule at an instant (the question's "add a run at the new time anyway"). */
export async function sendRunAt(satelliteId: string, scheduleId: number, at: number): Promise<void> {
  await desktopApi().call(satelliteId, 'schedules.runNow', { id: scheduleId, at: new Date(at) });
}
