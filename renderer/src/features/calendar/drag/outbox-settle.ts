import type { ScheduleInfo } from '@taskomatic/shared';
import type { ConflictFacts, FieldChange, OutboxState, PassedTime, QueuedMove, ScheduleBasis } from './outbox-entry';

// What becomes of a queued move once its satellite answers again (UX.md "Drag to reschedule": on reconnect the app
// reads the schedule again and confirms, or moves the change to the Changes screen; a queued move whose time has
// passed is never sent without asking). Pure: the schedule as read now and the clock are inputs.

/** The outcome of reading the schedule again. */
export type Settlement =
  /** The server has the change: the call arrived before the connection dropped. */
  | { readonly kind: 'confirmed' }
  /** Nothing changed since the move was planned and its times are ahead: send it (with the same version). */
  | { readonly kind: 'resend' }
  | { readonly kind: 'needs-decision'; readonly passed: PassedTime }
  | { readonly kind: 'conflict'; readonly conflict: ConflictFacts };

/** `schedule` is undefined when the satellite says it no longer exists (NOT_FOUND). */
export function settlementOf(move: QueuedMove, schedule: ScheduleInfo | undefined, now: number): Settlement {
  if (!schedule) return { kind: 'conflict', conflict: { changes: [{ field: 'schedule', before: move.basis.label, after: 'deleted' }] } };
  if (hasArrived(move, schedule)) return { kind: 'confirmed' };
  if (schedule.ended) return { kind: 'conflict', conflict: { changes: [{ field: 'ended', after: schedule.endReason ?? 'ended' }], changedAt: schedule.updatedAt.getTime() } };
  const passed = passedOf(move, now);
  if (passed) return { kind: 'needs-decision', passed };
  if (schedule.version !== move.basis.version) return { kind: 'conflict', conflict: { changes: changesBetween(move.basis, schedule), changedAt: schedule.updatedAt.getTime() } };
  return { kind: 'resend' };
}

/** True when `schedule` already shows what the move's call asked for. */
export function hasArrived(move: QueuedMove, schedule: ScheduleInfo): boolean {
  const call = move.call;
  switch (call.method) {
    case 'schedules.moveOccurrence': {
      const { occurrence, to } = call.request;
      return schedule.exceptions.some((exception) => exception.action === 'move' && exception.occurrence.getTime() === occurrence && exception.movedTo?.getTime() === to);
    }
    case 'schedules.update':
      if (call.request.runAt !== undefined) return schedule.runAt?.getTime() === call.request.runAt;
      return call.request.cron !== undefined && schedule.cron === call.request.cron;
    case 'schedules.split': {
      // The split ends the series before the dragged fire.
      const till = schedule.activeTill?.getTime();
      return till !== undefined && till !== move.basis.activeTill && till === call.request.endBefore;
    }
  }
}

/** Which of the move's times has passed at `now`: the new time, or (one occurrence moved) the fire it moves. */
export function passedOf(move: QueuedMove, now: number): PassedTime | undefined {
  const target = move.target <= now;
  const occurrence = move.call.method === 'schedules.moveOccurrence' && move.call.request.occurrence <= now;
  if (target && occurrence) return 'both';
  return target ? 'target' : occurrence ? 'occurrence' : undefined;
}

/** The state a row shows: a move still waiting whose time has passed already needs a decision (it will not be sent). */
export function shownState(move: QueuedMove, now: number): OutboxState {
  return move.state === 'waiting' && passedOf(move, now) ? 'needs-decision' : move.state;
}

/** The moves after a settlement of one of them. */
export function applySettlement(moves: ReadonlyArray<QueuedMove>, id: string, settlement: Settlement): ReadonlyArray<QueuedMove> {
  if (settlement.kind === 'confirmed') return moves.filter((move) => move.id !== id);
  return moves.map((move) => {
    if (move.id !== id) return move;
    const { passed: _passed, conflict: _conflict, ...rest } = move;
    switch (settlement.kind) {
      case 'resend':
        return { ...rest, state: 'sending' };
      case 'needs-decision':
        return { ...rest, state: 'needs-decision', passed: settlement.passed };
      case 'conflict':
        return { ...rest, state: 'conflict', conflict: settlement.conflict };
    }
  });
}

/** The fields of the schedule that differ from what the move was planned on (label, timing, pause, exceptions). */
export function changesBetween(basis: ScheduleBasis, schedule: ScheduleInfo): ReadonlyArray<FieldChange> {
  const changes: FieldChange[] = [];
  const compare = (field: string, before: string | number | undefined, after: string | number | undefined) => {
    if (before !== after) changes.push({ field, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  };
  compare('label', basis.label, schedule.label);
  compare('cron', basis.cron, schedule.cron);
  compare('runAt', basis.runAt, schedule.runAt?.getTime());
  compare('timeZone', basis.timeZone, schedule.timeZone);
  compare('activeFrom', basis.activeFrom, schedule.activeFrom?.getTime());
  compare('activeTill', basis.activeTill, schedule.activeTill?.getTime());
  compare('paused', String(basis.paused), String(schedule.paused));
  // One fire's exception: the instant it was moved to, or skipped; absent, the fire is where the series puts it.
  const was = new Map(basis.exceptions.map((exception) => [exception.occurrence, exceptionValue(exception.action, exception.movedTo)]));
  const now = new Map(schedule.exceptions.map((exception) => [exception.occurrence.getTime(), exceptionValue(exception.action, exception.movedTo?.getTime())]));
  for (const at of new Set([...was.keys(), ...now.keys()])) {
    const before = was.get(at);
    const after = now.get(at);
    if (before !== after) changes.push({ field: 'fire', at, before: before ?? 'as the series says', after: after ?? 'as the series says' });
  }
  return changes;
}

function exceptionValue(action: 'skip' | 'move', movedTo: number | undefined): string | number {
  return action === 'skip' || movedTo === undefined ? 'skipped' : movedTo;
}
