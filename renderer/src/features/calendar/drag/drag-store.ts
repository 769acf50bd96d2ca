import { create } from 'zustand';
import type { CommittedMove } from './move-inverse';

/** A drop sent and not yet answered: drawn striped at its new place. */
export interface PendingMove {
  readonly key: string;
  readonly satelliteId: string;
  readonly label: string;
  readonly target: number;
  /** The block's length, to draw the pending ghost as long as the block. */
  readonly durationMs: number;
}

/** The last move the server confirmed, which Undo and Ctrl/Cmd+Z take back. */
export interface UndoableMove {
  readonly satelliteId: string;
  readonly label: string;
  readonly move: CommittedMove;
}

interface DragStoreState {
  readonly pending: ReadonlyArray<PendingMove>;
  readonly lastMove?: UndoableMove;
  addPending(move: PendingMove): void;
  removePending(key: string): void;
  setLastMove(move: UndoableMove | undefined): void;
}

/** The calendar's moves in flight and the one to undo; kept across views and weeks (Undo still works there). */
export const useDragStore = create<DragStoreState>()((set, get) => ({
  pending: [],
  addPending(move) {
    set({ pending: [...get().pending.filter((other) => other.key !== move.key), move] });
  },
  removePending(key) {
    set({ pending: get().pending.filter((move) => move.key !== key) });
  },
  setLastMove(move) {
    set({ lastMove: move });
  },
}));
