import { create } from 'zustand';
import { useOutboxStore } from '../../../stores/outbox-store';
import type { CommittedMove } from './move-inverse';
import type { OutboxState, QueuedMove } from './outbox-entry';

/**
 * How a move not yet confirmed is drawn: `moving` (sent, no answer yet), `unconfirmed` (the connection dropped: it
 * waits in the outbox), `needs-decision` (its time passed while it waited), `conflict` (the schedule changed).
 */
export type PendingState = 'moving' | 'unconfirmed' | 'needs-decision' | 'conflict';

/** A move the server has not confirmed: drawn striped at its new place. */
export interface PendingMove {
  readonly key: string;
  readonly satelliteId: string;
  readonly label: string;
  readonly target: number;
  /** The block's length, to draw the pending ghost as long as the block. */
  readonly durationMs: number;
  readonly state: PendingState;
}

/** What a pending block says after its label. */
export const PENDING_WORDS: Readonly<Record<PendingState, string>> = {
  moving: 'moving…',
  unconfirmed: 'unconfirmed',
  'needs-decision': 'time passed: decide in Changes',
  conflict: 'changed meanwhile: decide in Changes',
};

/** The last move the server confirmed, which Undo and Ctrl/Cmd+Z take back. */
export interface UndoableMove {
  readonly satelliteId: string;
  readonly label: string;
  readonly move: CommittedMove;
  /** Its "Moved … · Undo" toast, dismissed when the move is undone another way (Ctrl/Cmd+Z). */
  readonly toastId?: number;
}

interface DragStoreState {
  /** Drops sent and not yet answered. */
  readonly inFlight: ReadonlyArray<PendingMove>;
  /** What the drag layer draws: the drops in flight, then the outbox's moves. */
  readonly pending: ReadonlyArray<PendingMove>;
  readonly lastMove?: UndoableMove;
  addPending(move: Omit<PendingMove, 'state'>): void;
  removePending(key: string): void;
  setLastMove(move: UndoableMove | undefined): void;
}

const SHOWN_AS: Readonly<Record<OutboxState, PendingState>> = { waiting: 'unconfirmed', sending: 'moving', 'needs-decision': 'needs-decision', conflict: 'conflict' };

/** The outbox's moves as pending blocks (keyed apart from a drop in flight of the same block). */
function queuedBlocks(moves: ReadonlyArray<QueuedMove>): ReadonlyArray<PendingMove> {
  return moves.map((move) => ({ key: `outbox:${move.id}`, satelliteId: move.satelliteId, label: move.item.label, target: move.target, durationMs: move.item.end - move.item.start, state: SHOWN_AS[move.state] }));
}

/** The calendar's moves in flight and the one to undo; kept across views and weeks (Undo still works there). */
export const useDragStore = create<DragStoreState>()((set, get) => {
  const withFlight = (inFlight: ReadonlyArray<PendingMove>) => ({ inFlight, pending: [...inFlight, ...queuedBlocks(useOutboxStore.getState().moves)] });
  return {
    inFlight: [],
    pending: queuedBlocks(useOutboxStore.getState().moves),
    addPending(move) {
      set(withFlight([...get().inFlight.filter((other) => other.key !== move.key), { ...move, state: 'moving' }]));
    },
    removePending(key) {
      set(withFlight(get().inFlight.filter((move) => move.key !== key)));
    },
    setLastMove(move) {
      set({ lastMove: move });
    },
  };
});

// The outbox changes on its own (a reconnect settles it, a reload restores it): the drawn list follows.
useOutboxStore.subscribe((state, previous) => {
  if (state.moves === previous.moves) return;
  useDragStore.setState({ pending: [...useDragStore.getState().inFlight, ...queuedBlocks(state.moves)] });
});
