import { errorInfoOf } from '@taskomatic/shared/ipc';
import { desktopApi } from '../../../api';
import { useOutboxStore } from '../../../stores/outbox-store';
import { useSatellitesStore } from '../../../stores/satellites-store';
import type { ConflictFacts, QueuedMove } from './outbox-entry';
import { changesBetween } from './outbox-settle';

/** Audit entries read to name who changed a schedule meanwhile. */
const AUDIT_LIMIT = 20;

/**
 * Says who changed what on a conflicting move: the schedule read again, compared field by field with what the move
 * was planned on, and (satellite admins only: audit.list is theirs) who changed it, from the audit trail. The
 * server's conflict message, when there was one, names the last actor already. Failures leave what is known.
 */
export async function describeConflict(id: string, message?: string): Promise<void> {
  const move = useOutboxStore.getState().moves.find((candidate) => candidate.id === id);
  if (!move) return;
  const scheduleId = move.call.request.id;
  let facts: ConflictFacts = { ...(message ? { message } : move.conflict?.message ? { message: move.conflict.message } : {}), changes: move.conflict?.changes ?? [] };
  try {
    const schedule = await desktopApi().call(move.satelliteId, 'schedules.get', { id: scheduleId });
    facts = { ...facts, changes: changesBetween(move.basis, schedule), changedAt: schedule.updatedAt.getTime() };
  } catch (error) {
    if (errorInfoOf(error).fault === 'NOT_FOUND') facts = { ...facts, changes: [{ field: 'schedule', before: move.basis.label, after: 'deleted' }] };
  }
  const actors = await actorsSince(move);
  if (actors.length > 0) facts = { ...facts, actors };
  const now = useOutboxStore.getState().moves.find((candidate) => candidate.id === id);
  if (now?.state === 'conflict') useOutboxStore.getState().patch(id, { conflict: facts });
}

/**
 * "bob (schedule.update)": who changed the schedule since the move's basis was read, newest first. Instants travel
 * in whole seconds (XML-RPC dateTime): the trail is read from the second after the basis's last change.
 */
async function actorsSince(move: QueuedMove): Promise<ReadonlyArray<string>> {
  const satellite = useSatellitesStore.getState().satellites.find((candidate) => candidate.id === move.satelliteId);
  if (satellite?.identity?.role !== 'sat-admin') return [];
  try {
    const page = await desktopApi().call(move.satelliteId, 'audit.list', { targetType: 'schedule', targetId: String(move.call.request.id), from: new Date(move.basis.updatedAt + 1000), limit: AUDIT_LIMIT });
    return [...new Set(page.entries.map((entry) => `${entry.actor} (${entry.action})`))];
  } catch {
    // The names are a courtesy: the fields changed are shown either way.
    return [];
  }
}
