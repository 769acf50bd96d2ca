import type { RunStatus, RunTrigger, StartIf } from '@taskomatic/shared';

/** One step of a bunch as it was when the bunch run fired. */
export interface StepSnapshot {
  readonly task: string;
  readonly startIf: StartIf;
}

/**
 * A bunch run as the engine holds it while it is alive. The engine changes these objects in place and hands
 * them to the recorder, which writes their latest state in its next batch.
 */
export interface BunchRunRecord {
  readonly id: number;
  readonly scheduleId: number | null;
  readonly bunchId: number;
  readonly bunchName: string;
  readonly orgId: number | null;
  trigger: RunTrigger;
  status: RunStatus;
  statusReason: string | null;
  /**
   * Where the run came from, when that is worth saying ("moved from ...", "catch-up of ..."): its reason while
   * it runs and after, unless a wait or a failure has more to say.
   */
  note: string | null;
  readonly dueAt: number;
  startedAt: number | null;
  endedAt: number | null;
  readonly params: Readonly<Record<string, unknown>>;
  readonly steps: ReadonlyArray<StepSnapshot>;
  /**
   * The first step's task run, written READY together with a claimed fire, so that starting the run on time
   * only changes two statuses. Null for runs made on the spot (run now, catch-up).
   */
  readonly firstStep: TaskRunRecord | null;
  /** Fires this record stands for (consecutive skipped or missed fires share one record). */
  fireCount: number;
  lastFireAt: number | null;
  readonly requestedBy: string | null;
  /**
   * The node it is handed to, when not the node that writes it: a fire claimed while its schedule has a run
   * going on another node goes to that node, whose overlap policy then sees both (see FireClaimer).
   */
  handedTo?: string;
}

/** Triggers of fires claimed from a schedule's timing: what an edit of the schedule takes back. */
export const CLAIMED_TRIGGERS: ReadonlyArray<RunTrigger> = ['cron', 'once', 'moved'];

/** A task run (one step of a bunch run) as the engine holds it while it is alive. */
export interface TaskRunRecord {
  readonly id: number;
  readonly bunchRunId: number;
  readonly position: number;
  readonly task: string;
  status: RunStatus;
  statusReason: string | null;
  readonly createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  /** Process (group) id of a running command. */
  pid: number | null;
}

/** A new task run record: READY, not started. */
export function newTaskRun(id: number, bunchRunId: number, position: number, task: string, createdAt: number): TaskRunRecord {
  return {
    id,
    bunchRunId,
    position,
    task,
    status: 'READY',
    statusReason: null,
    createdAt,
    startedAt: null,
    endedAt: null,
    exitCode: null,
    pid: null,
  };
}

/** What a new bunch run needs; the rest starts READY, unstarted, one fire. */
export interface BunchRunInit {
  readonly id: number;
  readonly scheduleId: number | null;
  readonly bunch: { readonly id: number; readonly name: string; readonly steps: ReadonlyArray<StepSnapshot> };
  readonly orgId: number | null;
  readonly trigger: RunTrigger;
  readonly dueAt: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly note?: string | null;
  readonly firstStep?: TaskRunRecord | null;
  readonly requestedBy?: string | null;
}

/** A new bunch run record: READY, waiting for its time. */
export function newBunchRun(init: BunchRunInit): BunchRunRecord {
  const note = init.note ?? null;
  return {
    id: init.id,
    scheduleId: init.scheduleId,
    bunchId: init.bunch.id,
    bunchName: init.bunch.name,
    orgId: init.orgId,
    trigger: init.trigger,
    status: 'READY',
    statusReason: note,
    note,
    dueAt: init.dueAt,
    startedAt: null,
    endedAt: null,
    params: init.params,
    steps: init.bunch.steps,
    firstStep: init.firstStep ?? null,
    fireCount: 1,
    lastFireAt: null,
    requestedBy: init.requestedBy ?? null,
  };
}
