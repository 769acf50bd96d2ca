import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { QueuedMove } from '../features/calendar/drag/outbox-entry';
import { applySettlement, type Settlement } from '../features/calendar/drag/outbox-settle';

/**
 * The outbox: calendar moves a satellite has not confirmed (its connection dropped) or that wait for a decision
 * (their time passed, or the schedule changed meanwhile). Kept in the renderer's local storage, so that a move made
 * just before the app closed is still settled when its satellite answers again (UX.md: "an outbox that survives
 * going offline"). The calls that settle it are in features/calendar/drag/outbox-sync.ts.
 */
interface OutboxStoreState {
  readonly moves: ReadonlyArray<QueuedMove>;
  /** The move whose conflict dialog is open (Apply mine); not kept across a reload. */
  readonly reopened?: string;
  add(move: QueuedMove): void;
  /** Changes one move (its state, reason or facts); a move already gone stays gone. */
  patch(id: string, change: Partial<Omit<QueuedMove, 'id'>>): void;
  settle(id: string, settlement: Settlement): void;
  remove(id: string): void;
  reopen(id: string | undefined): void;
}

/** Version of what is kept: a change of QueuedMove's shape bumps it, and older outboxes are dropped, not misread. */
const STORAGE_VERSION = 1;

export const useOutboxStore = create<OutboxStoreState>()(
  persist(
    (set, get) => ({
      moves: [],
      add(move) {
        set({ moves: [...get().moves.filter((other) => other.id !== move.id), move] });
      },
      patch(id, change) {
        set({ moves: get().moves.map((move) => (move.id === id ? { ...move, ...change } : move)) });
      },
      settle(id, settlement) {
        set({ moves: applySettlement(get().moves, id, settlement) });
      },
      remove(id) {
        set({ moves: get().moves.filter((move) => move.id !== id), ...(get().reopened === id ? { reopened: undefined } : {}) });
      },
      reopen(id) {
        set({ reopened: id });
      },
    }),
    {
      name: 'taskomatic.outbox',
      version: STORAGE_VERSION,
      storage: createJSONStorage(() => localStorage),
      // A send cut short by a reload never got its answer: it waits again and is read back before anything is sent.
      partialize: (state) => ({ moves: state.moves.map((move) => (move.state === 'sending' ? { ...move, state: 'waiting' as const } : move)) }),
      migrate: () => ({ moves: [] }),
    },
  ),
);

/** The moves of one satellite. */
export function movesOf(satelliteId: string): ReadonlyArray<QueuedMove> {
  return useOutboxStore.getState().moves.filter((move) => move.satelliteId === satelliteId);
}
