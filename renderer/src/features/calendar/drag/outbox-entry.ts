import type { ScheduleInfo } from '@taskomatic/shared';
import type { CalendarItem } from '../calendar-items';
import type { DropChoice, DropPlan } from './drop-plan';

// A drop the satellite has not confirmed, as the outbox keeps it (UX.md "Changes": an outbox that survives going
// offline). Everything is plain JSON, instants as milliseconds, so that it survives a reload of the app.

export type ReadyPlan = Extract<DropPlan, { ok: true }>;
/** A drop's call as the API client takes it (instants as Dates). */
export type PlannedCall = ReadyPlan['call'];

/** A drop's call as the outbox keeps it: the same request with instants in ms. */
export type QueuedCall =
  | { readonly method: 'schedules.update'; readonly request: { readonly id: number; readonly version: number; readonly runAt?: number; readonly cron?: string } }
  | { readonly method: 'schedules.moveOccurrence'; readonly request: { readonly id: number; readonly version: number; readonly occurrence: number; readonly to: number; readonly reason: string } }
  | { readonly method: 'schedules.split'; readonly request: { readonly id: number; readonly version: number; readonly from: number; readonly endBefore: number; readonly cron: string } };

/**
 * Where a queued move stands: `waiting` for its satellite, `sending` (again), `needs-decision` (its time passed:
 * never sent without asking), `conflict` (the schedule changed since the move was planned).
 */
export type OutboxState = 'waiting' | 'sending' | 'needs-decision' | 'conflict';

/** Which of a move's times has passed: the new one, the fire it moves, or both. */
export type PassedTime = 'target' | 'occurrence' | 'both';

/** The schedule as it was when the move was planned: its version, and the fields a conflict is told by. */
export interface ScheduleBasis {
  readonly version: number;
  readonly label: string;
  readonly cron?: string;
  readonly runAt?: number;
  readonly timeZone: string;
  readonly activeFrom?: number;
  readonly activeTill?: number;
  readonly paused: boolean;
  readonly exceptions: ReadonlyArray<{ readonly occurrence: number; readonly action: 'skip' | 'move'; readonly movedTo?: number }>;
  readonly updatedAt: number;
}

/**
 * One field someone else changed meanwhile; a number is an instant (shown in the display zone). Field `fire`: one
 * occurrence (`at`) moved (to the instant), skipped, or back "as the series says".
 */
export interface FieldChange {
  readonly field: string;
  readonly at?: number;
  readonly before?: string | number;
  readonly after?: string | number;
}

/** Who changed the schedule meanwhile and what: the server's conflict message, the fields, the audit's actors. */
export interface ConflictFacts {
  /** The server's VERSION_CONFLICT message (it names the actor and the action). */
  readonly message?: string;
  readonly changes: ReadonlyArray<FieldChange>;
  /** From the audit trail, when the user may read it: who changed it, with which action. */
  readonly actors?: ReadonlyArray<string>;
  readonly changedAt?: number;
}

/** A drop waiting in the outbox. */
export interface QueuedMove {
  readonly id: string;
  readonly satelliteId: string;
  /** The dragged block as it was drawn (the drop dialog is shown again from it on Apply mine). */
  readonly item: CalendarItem;
  readonly choice: DropChoice | 'once';
  /** Where the block was dropped. */
  readonly target: number;
  /** Old and new, as the drop dialog showed them: a cron, or an instant. */
  readonly before: string | number;
  readonly after: string | number;
  readonly call: QueuedCall;
  readonly basis: ScheduleBasis;
  readonly queuedAt: number;
  readonly state: OutboxState;
  /** Why it waits (the connection's error), in words. */
  readonly reason?: string;
  readonly passed?: PassedTime;
  readonly conflict?: ConflictFacts;
}

/** The move of a drop, before it is sent (state `sending`). */
export function queuedMoveOf(item: CalendarItem, plan: ReadyPlan, schedule: ScheduleInfo, target: number, now: number): QueuedMove {
  return { id: `${item.key}@${now}`, satelliteId: item.satelliteId, item, choice: plan.choice, target, before: plan.before, after: plan.after, call: queuedCallOf(plan.call), basis: basisOf(schedule), queuedAt: now, state: 'sending' };
}

export function basisOf(schedule: ScheduleInfo): ScheduleBasis {
  return {
    version: schedule.version,
    label: schedule.label,
    ...(schedule.cron !== undefined ? { cron: schedule.cron } : {}),
    ...(schedule.runAt ? { runAt: schedule.runAt.getTime() } : {}),
    timeZone: schedule.timeZone,
    ...(schedule.activeFrom ? { activeFrom: schedule.activeFrom.getTime() } : {}),
    ...(schedule.activeTill ? { activeTill: schedule.activeTill.getTime() } : {}),
    paused: schedule.paused,
    exceptions: schedule.exceptions.map((exception) => ({ occurrence: exception.occurrence.getTime(), action: exception.action, ...(exception.movedTo ? { movedTo: exception.movedTo.getTime() } : {}) })),
    updatedAt: schedule.updatedAt.getTime(),
  };
}

export function queuedCallOf(call: PlannedCall): QueuedCall {
  switch (call.method) {
    case 'schedules.update': {
      const { runAt, ...rest } = call.request;
      return { method: call.method, request: { ...rest, ...(runAt ? { runAt: runAt.getTime() } : {}) } };
    }
    case 'schedules.moveOccurrence':
      return { method: call.method, request: { ...call.request, occurrence: call.request.occurrence.getTime(), to: call.request.to.getTime() } };
    case 'schedules.split':
      return { method: call.method, request: { ...call.request, from: call.request.from.getTime(), endBefore: call.request.endBefore.getTime() } };
  }
}

export function plannedCallOf(call: QueuedCall): PlannedCall {
  switch (call.method) {
    case 'schedules.update': {
      const { runAt, ...rest } = call.request;
      return { method: call.method, request: { ...rest, ...(runAt !== undefined ? { runAt: new Date(runAt) } : {}) } };
    }
    case 'schedules.moveOccurrence':
      return { method: call.method, request: { ...call.request, occurrence: new Date(call.request.occurrence), to: new Date(call.request.to) } };
    case 'schedules.split':
      return { method: call.method, request: { ...call.request, from: new Date(call.request.from), endBefore: new Date(call.request.endBefore) } };
  }
}
