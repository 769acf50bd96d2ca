import { errorInfoOf } from '@taskomatic/shared/ipc';
import { formatInstant } from '../../../lib/time-format';
import { useCalendarStore } from '../../../stores/calendar-store';
import { useOutboxStore } from '../../../stores/outbox-store';
import { useRouterStore } from '../../../stores/router-store';
import { nameOf } from './satellite-facts';
import { useToastsStore } from '../../../stores/toasts-store';
import { useDragStore, type UndoableMove } from './drag-store';
import { sendInverseCall } from './move-call';
import { inverseOf, type CommittedMove } from './move-inverse';
import { describeConflict } from './outbox-conflict';
import type { QueuedMove } from './outbox-entry';

/** How long the "Moved … · Undo" toast stays (UX.md). */
export const UNDO_MS = 10_000;

/** The move in words for its toast: "Moved x to 10:15 CET", "Split x: a new series runs 0 15 10 * * ? from 10:15 on". */
export function movedText(move: Pick<QueuedMove, 'choice' | 'after' | 'target' | 'item'>, zone: string): string {
  const label = move.item.label;
  if (move.choice === 'following') return `Split ${label}: a new series runs ${move.after} from ${formatInstant(new Date(move.target), zone)} on`;
  return typeof move.after === 'number' ? `Moved ${label} to ${formatInstant(new Date(move.after), zone)}` : `Moved ${label} to ${move.after}`;
}

/** A move the server confirmed: it becomes the one Undo and Ctrl/Cmd+Z take back, and the toast offers Undo. */
export function moveConfirmed(satelliteId: string, label: string, move: CommittedMove, text: string): void {
  const toastId = useToastsStore.getState().show({ kind: 'success', text, action: { label: 'Undo', run: () => void undoMove(move) } }, UNDO_MS);
  const undoable: UndoableMove = { satelliteId, label, move, toastId };
  useDragStore.getState().setLastMove(undoable);
}

/**
 * A move the server did not confirm: kept in the outbox when the satellite could not be reached (drawn
 * "unconfirmed", settled on reconnect) or when the schedule changed meanwhile (Reload or Apply mine); otherwise the
 * block goes back and the toast gives the server's reason.
 */
export function moveFailed(queued: QueuedMove, error: unknown): void {
  const info = errorInfoOf(error);
  const outbox = useOutboxStore.getState();
  const toasts = useToastsStore.getState();
  const label = queued.item.label;
  if (info.kind === 'offline') {
    outbox.add({ ...queued, state: 'waiting', reason: info.message });
    const name = nameOf(queued.satelliteId, 'The satellite');
    toasts.show({ kind: 'info', text: `${label}: ${name} did not answer (${info.message}). The move is kept unconfirmed and settled when ${name} is back.`, action: { label: 'Changes', run: () => useRouterStore.getState().navigate(['changes']) } }, UNDO_MS);
  } else if (info.fault === 'VERSION_CONFLICT') {
    outbox.add({ ...queued, state: 'conflict', conflict: { message: info.message, changes: [] } });
    void describeConflict(queued.id, info.message);
    toasts.show({ kind: 'error', text: `${label} was changed meanwhile, not moved: ${info.message}`, action: { label: 'Reload or apply mine…', run: () => openApplyMine(queued.id) } });
  } else {
    outbox.remove(queued.id);
    toasts.show({ kind: 'error', text: `${label} not moved: ${info.message}` });
  }
}

/**
 * Opens the conflict dialog of a queued move (Reload or Apply mine). It is drawn by the drag layer (time grid, timeline) and
 * by the Changes screen: from anywhere else, the Changes screen is opened.
 */
export function openApplyMine(id: string): void {
  useOutboxStore.getState().reopen(id);
  const { segments, query } = useRouterStore.getState().route;
  const onGrid = segments[0] === 'calendar' && (query.view === undefined || query.view === 'week' || query.view === 'day' || query.view === 'timeline');
  if (!onGrid && segments[0] !== 'changes') useRouterStore.getState().navigate(['changes']);
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
  // Undone by Ctrl/Cmd+Z: the toast's Undo would do nothing now.
  if (last.toastId !== undefined) useToastsStore.getState().dismiss(last.toastId);
  try {
    await sendInverseCall(last.satelliteId, inverseOf(move));
    useToastsStore.getState().show({ kind: 'info', text: move.kind === 'split' ? `Split of ${last.label} undone: the series continues as before` : `Move of ${last.label} undone` });
  } catch (error) {
    const info = errorInfoOf(error);
    useToastsStore.getState().show({ kind: 'error', text: `Could not undo the ${move.kind === 'split' ? 'split' : 'move'} of ${last.label}: ${info.message}` });
  } finally {
    useCalendarStore.getState().reload(last.satelliteId);
  }
}
