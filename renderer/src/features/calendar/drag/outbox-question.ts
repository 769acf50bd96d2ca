import type { PassedTime, QueuedCall, QueuedMove } from './outbox-entry';

// The question a queued move asks when its time passed while its satellite was away: the move as dropped can no
// longer be sent (the server refuses times in the past), so the Changes screen offers what still makes sense, or
// only Discard.

/** What can still be done instead of the move as dropped. */
export type AlternativeKind =
  /** Run it at the next minute instead (the new time passed, the fire or one-time run is still ahead). */
  | 'move-soon'
  /** The fire it moved has passed (it ran or was missed at its own time): add a run at the new time anyway. */
  | 'run-at-target'
  /** A new cron still means something for the later fires: change it anyway. */
  | 'send-anyway';

export interface Alternative {
  readonly kind: AlternativeKind;
  readonly label: string;
}

/** The one call an alternative sends: a drop's call, or a run of the schedule at an instant. */
export type AlternativeCall = QueuedCall | { readonly method: 'schedules.runNow'; readonly request: { readonly id: number; readonly at: number } };

/** The alternative of a move whose time passed, or undefined when Discard is all that is left. */
export function alternativeOf(move: QueuedMove, passed: PassedTime): Alternative | undefined {
  switch (move.choice) {
    case 'once':
      return { kind: 'move-soon', label: 'Run it now instead' };
    case 'only':
      if (passed === 'target') return { kind: 'move-soon', label: 'Run it now instead' };
      if (passed === 'occurrence') return { kind: 'run-at-target', label: 'Add a run at the new time anyway' };
      return undefined;
    case 'all':
      return { kind: 'send-anyway', label: 'Change the cron anyway' };
    case 'following':
      // A split starting in the past is refused; drag a later fire instead.
      return undefined;
  }
}

/** Minutes ahead of now that "Run it now instead" aims at: the server refuses a time that has passed when it arrives. */
const SOON_MS = 60_000;

/** The call of an alternative, built at the moment it is chosen (`now`). */
export function alternativeCall(move: QueuedMove, kind: AlternativeKind, now: number): AlternativeCall {
  const call = move.call;
  switch (kind) {
    case 'send-anyway':
      return call;
    case 'run-at-target':
      return { method: 'schedules.runNow', request: { id: call.request.id, at: move.target } };
    case 'move-soon': {
      // The next whole minute at least a minute ahead: a time that reads well and is still ahead when it arrives.
      const soon = Math.ceil((now + SOON_MS) / 60_000) * 60_000;
      if (call.method === 'schedules.moveOccurrence') return { method: call.method, request: { ...call.request, to: soon } };
      return { method: 'schedules.update', request: { id: call.request.id, version: call.request.version, runAt: soon } };
    }
  }
}
