// A committed move and the one call that takes it back (Undo, Ctrl/Cmd+Z). The inverse is sent with the version the
// server answered the move with, so an undo after someone else's change is refused like any stale change.

/** A change the calendar made, as the server confirmed it. */
export type CommittedMove =
  /** A one-time schedule's instant, or a cron: `before` is the old value. */
  | { readonly kind: 'run-at'; readonly scheduleId: number; readonly version: number; readonly before: number }
  | { readonly kind: 'cron'; readonly scheduleId: number; readonly version: number; readonly before: string }
  /** One occurrence moved; `previouslyAt` is where it was when it had been moved before (else it is restored). */
  | { readonly kind: 'occurrence'; readonly scheduleId: number; readonly version: number; readonly occurrence: number; readonly previouslyAt: number | null }
  /** "This and following": the series (at its new version) ended before the fire, `continuedBy` carries on from it. */
  | { readonly kind: 'split'; readonly scheduleId: number; readonly version: number; readonly continuedBy: number; readonly continuedByVersion: number };

/** The API call that undoes a move: a method and its request. */
export type InverseCall =
  | { readonly method: 'schedules.update'; readonly request: { readonly id: number; readonly version: number; readonly runAt?: Date; readonly cron?: string } }
  | { readonly method: 'schedules.restoreOccurrence'; readonly request: { readonly id: number; readonly version: number; readonly occurrence: Date } }
  | { readonly method: 'schedules.moveOccurrence'; readonly request: { readonly id: number; readonly version: number; readonly occurrence: Date; readonly to: Date; readonly reason: string } }
  | { readonly method: 'schedules.undoSplit'; readonly request: { readonly id: number; readonly version: number; readonly continuedBy: number; readonly continuedByVersion: number } };

export function inverseOf(move: CommittedMove): InverseCall {
  const base = { id: move.scheduleId, version: move.version };
  switch (move.kind) {
    case 'run-at':
      return { method: 'schedules.update', request: { ...base, runAt: new Date(move.before) } };
    case 'cron':
      return { method: 'schedules.update', request: { ...base, cron: move.before } };
    case 'occurrence':
      // A fire moved twice goes back to its first move, not to the series' own time.
      return move.previouslyAt === null
        ? { method: 'schedules.restoreOccurrence', request: { ...base, occurrence: new Date(move.occurrence) } }
        : { method: 'schedules.moveOccurrence', request: { ...base, occurrence: new Date(move.occurrence), to: new Date(move.previouslyAt), reason: 'Undo on the calendar' } };
    case 'split':
      // One call, so that the series is never left ended with its continuation gone (or the reverse); the server
      // refuses once the new series has fired.
      return { method: 'schedules.undoSplit', request: { ...base, continuedBy: move.continuedBy, continuedByVersion: move.continuedByVersion } };
  }
}
