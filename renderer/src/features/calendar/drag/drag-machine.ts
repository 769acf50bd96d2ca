// The drag's states as a pure reducer: pressing a block does not yet drag it (a click must still open it); moving
// past a few pixels does; Esc cancels at any point; a drop on an allowed instant either commits (one-time runs) or
// asks how much of the series to move (an occurrence of a cron schedule). On the timeline, a Ctrl+drop on another
// satellite's lane is a copy: committed on release whatever the kind.

/** What is dragged: one block, by its calendar key. */
export interface DragSubject {
  readonly key: string;
  readonly kind: 'cron' | 'once';
  /** Where the block is now. */
  readonly from: number;
}

export type DragState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'pressed'; readonly subject: DragSubject; readonly x: number; readonly y: number }
  | { readonly phase: 'dragging'; readonly subject: DragSubject; readonly target: number; readonly allowed: boolean; readonly lane?: string; readonly copy?: boolean }
  | { readonly phase: 'choosing'; readonly subject: DragSubject; readonly target: number };

export type DragEvent =
  | { readonly type: 'press'; readonly subject: DragSubject; readonly x: number; readonly y: number }
  /** `lane`: the satellite whose lane the pointer is over (absent: the block's own); `copy`: Ctrl held over another. */
  | { readonly type: 'move'; readonly x: number; readonly y: number; readonly target: number | null; readonly allowed: boolean; readonly lane?: string; readonly copy?: boolean }
  | { readonly type: 'release' }
  | { readonly type: 'cancel' };

/** Pointer travel before a press becomes a drag (smaller: a click with a shaky hand). */
export const DRAG_THRESHOLD_PX = 4;

export const IDLE: DragState = { phase: 'idle' };

export function dragReducer(state: DragState, event: DragEvent): DragState {
  switch (event.type) {
    case 'press':
      return state.phase === 'idle' ? { phase: 'pressed', subject: event.subject, x: event.x, y: event.y } : state;
    case 'move':
      if (event.target === null) return state;
      if (state.phase === 'pressed') {
        const far = Math.hypot(event.x - state.x, event.y - state.y) >= DRAG_THRESHOLD_PX;
        return far ? { phase: 'dragging', subject: state.subject, target: event.target, allowed: event.allowed, lane: event.lane, copy: event.copy } : state;
      }
      if (state.phase === 'dragging') return { ...state, target: event.target, allowed: event.allowed, lane: event.lane, copy: event.copy };
      return state;
    case 'release':
      if (state.phase === 'pressed') return IDLE;
      if (state.phase !== 'dragging' || !state.allowed) return state.phase === 'dragging' ? IDLE : state;
      // A one-time run or a copy has nothing to choose: the caller commits it and returns to idle.
      return state.subject.kind === 'cron' && !state.copy ? { phase: 'choosing', subject: state.subject, target: state.target } : IDLE;
    case 'cancel':
      return IDLE;
  }
}

/** True when a release from `before` is a drop to commit right away (a one-time run on an allowed instant). */
export function commitsOnRelease(before: DragState): before is Extract<DragState, { phase: 'dragging' }> {
  return before.phase === 'dragging' && before.allowed && before.subject.kind === 'once' && !before.copy;
}

/** True when a release from `before` is a copy to another satellite to make right away (Ctrl held, allowed). */
export function copiesOnRelease(before: DragState): before is Extract<DragState, { phase: 'dragging' }> & { readonly lane: string } {
  return before.phase === 'dragging' && before.allowed && before.copy === true && before.lane !== undefined;
}
