import { useMemo } from 'react';
import { useOutboxStore } from '../../../stores/outbox-store';
import { scheduleOf } from './drag-sources';
import { DropDialog } from './drop-dialog';
import './outbox.css';

/**
 * The dialog of "Apply mine" for the queued move the user opened (a conflict toast, a row of the Changes screen):
 * the schedule is read again on opening, the same drop planned on its current version. Drawn by the time grid's
 * drag layer and by the Changes screen.
 */
export function ApplyMineHost({ zone }: { zone: string }) {
  const id = useOutboxStore((state) => state.reopened);
  const move = useOutboxStore((state) => state.moves.find((candidate) => candidate.id === state.reopened));
  const satelliteId = move?.satelliteId;
  const scheduleId = move?.call.request.id;
  // Read once per opening: the dialog shows the values of that moment, not a list that shifts under the reader.
  const scheduleLoad = useMemo(() => (id !== undefined && satelliteId !== undefined && scheduleId !== undefined ? scheduleOf(satelliteId, scheduleId) : undefined), [id, satelliteId, scheduleId]);
  if (!move || !scheduleLoad) return null;
  return <DropDialog key={move.id} item={move.item} target={move.target} scheduleLoad={scheduleLoad} zone={zone} reapply={move} onClose={() => useOutboxStore.getState().reopen(undefined)} />;
}
