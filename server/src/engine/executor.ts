import type { ParameterValues, RunStatus } from '@taskomatic/shared';
import { parallelLimit } from '../runner/catalog.js';
import { validateParams } from '../runner/params/validate-params.js';
import type { RunnableTask, StopReason, TaskResult } from '../runner/task.js';
import type { TimerHandle } from './clock.js';
import type { EngineDeps } from './engine.js';
import { type BunchRunRecord, newTaskRun, type TaskRunRecord } from './run-record.js';
import { bunchOutcome, taskOutcome } from './run-outcome.js';
import { stepRan, unmetCondition } from './step-condition.js';
import { scopeRefusal } from './task-scope.js';
import { TaskSlots } from './task-slots.js';
import { SharedLine } from './cluster/shared-line.js';
import type { SharedSlots, SlotRequest } from './cluster/shared-slots.js';
import { formatDuration } from './format-duration.js';

export type ExecutorDeps = Pick<EngineDeps, 'recorder' | 'logs' | 'ids' | 'catalog' | 'clock' | 'logger' | 'settings'> & {
  /** Several nodes: task slots as database rows, so parallel limits hold across nodes (null: this node alone). */
  readonly sharedSlots: SharedSlots | null;
};


/** The step of a live bunch run that is running or waiting for its task. */
interface CurrentStep {
  readonly taskRun: TaskRunRecord;
  readonly task: RunnableTask;
  readonly params: ParameterValues;
  controller: AbortController | null;
  stop: { readonly reason: StopReason; readonly detail: string } | null;
  postponeTimer: TimerHandle | null;
  /** Holds one of this node's slots of its task (else it waits in this node's queue). */
  holdsLocal: boolean;
  /** Several nodes: waits in the shared line for a slot of its task. */
  inLine: boolean;
  /** Several nodes: holds a slot row of its task. */
  holdsShared: boolean;
}

interface LiveRun {
  readonly record: BunchRunRecord;
  readonly taskRuns: TaskRunRecord[];
  current: CurrentStep | null;
  cancelledBy: string | null;
  /** Why the run ended early because of the server itself (never a task's own failure). */
  failure?: string;
  readonly onEnd: (record: BunchRunRecord) => void;
  /** A step that already has its task run (one taken over while postponed), used when its turn comes. */
  resumed: TaskRunRecord | null;
}

/**
 * Runs bunch runs step by step: evaluates `start_if`, keeps non-parallelizable tasks to one run at a time
 * (postponing the others, in order of arrival, up to the postpone limit), launches tasks once their RUNNING
 * state is committed, enforces timeouts, cancels, and stops gracefully.
 */
export class BunchExecutor {
  readonly #deps: ExecutorDeps;
  readonly #live = new Map<number, LiveRun>();
  readonly #byTaskRun = new Map<number, LiveRun>();
  readonly #slots = new TaskSlots();
  /** Several nodes: steps waiting for slot rows, in line across nodes. */
  readonly #line: SharedLine | null;
  readonly #launched = new Set<Promise<void>>();
  /** Why some output of a running task was not stored, added to its reason when it ends. */
  readonly #outputNotes = new Map<number, string>();
  #stopping = false;

  constructor(deps: ExecutorDeps) {
    this.#deps = deps;
    this.#line = deps.sharedSlots ? new SharedLine({ slots: deps.sharedSlots, clock: deps.clock, logger: deps.logger }) : null;
  }

  /** True when this bunch run is under way here. */
  has(bunchRunId: number): boolean {
    return this.#live.has(bunchRunId);
  }

  /** Bunch runs under way (running, postponed, or between steps). */
  get liveCount(): number {
    return this.#live.size;
  }

  /**
   * Starts a bunch run that is due: marks it RUNNING and begins its first step. Its tasks launch only after
   * the state is committed. `onEnd` is told when the bunch run is over.
   */
  start(record: BunchRunRecord, onEnd: (record: BunchRunRecord) => void): void {
    if (this.#live.has(record.id)) {
      // Already under way here (the same READY run reached this node twice): it runs once.
      this.#deps.logger.warn('run already under way here; not started again', { bunchRunId: record.id });
      return;
    }
    const now = this.#deps.clock.now();
    record.status = 'RUNNING';
    record.startedAt = now;
    const live: LiveRun = { record, taskRuns: [], current: null, cancelledBy: null, onEnd, resumed: null };
    this.#live.set(record.id, live);
    // Written by the first step's start, postponement or end, whichever comes first.
    this.#next(live, 0);
  }

  /**
   * Goes on with a run another node left postponed (it stopped or died): its earlier steps as they ended, and
   * the step that waits for its task, which waits here keeping its place in line and what is left of the
   * postpone limit.
   */
  resume(record: BunchRunRecord, done: ReadonlyArray<TaskRunRecord>, waiting: TaskRunRecord, onEnd: (record: BunchRunRecord) => void): void {
    const live: LiveRun = { record, taskRuns: [...done], current: null, cancelledBy: null, onEnd, resumed: waiting };
    this.#live.set(record.id, live);
    this.#next(live, waiting.position);
  }

  /**
   * Ends a bunch run that never started (missed, skipped, cancelled while waiting) with `status`: its first
   * step is recorded with the same status, so every bunch run shows at least one task run.
   */
  closeUnstarted(record: BunchRunRecord, status: RunStatus, reason: string): void {
    const now = this.#deps.clock.now();
    record.status = status;
    record.statusReason = reason;
    record.endedAt = now;
    this.#deps.recorder.saveBunchRun(record);
    if (record.firstStep) {
      record.firstStep.status = status;
      record.firstStep.statusReason = reason;
      record.firstStep.endedAt = now;
      this.#deps.recorder.saveTaskRun(record.firstStep);
      return;
    }
    const first = record.steps[0];
    if (!first) return;
    const step = newTaskRun(this.#deps.ids.take('task_runs'), record.id, 0, first.task, now);
    step.status = status;
    step.statusReason = reason;
    step.endedAt = now;
    this.#deps.recorder.saveTaskRun(step);
  }

  /** Cancels a bunch run under way; false when it is not under way here. */
  cancel(bunchRunId: number, by: string): boolean {
    const live = this.#live.get(bunchRunId);
    if (!live) return false;
    live.cancelledBy ??= by;
    const current = live.current;
    if (!current) return true; // between steps: #advance sees it
    if (current.taskRun.status === 'POSTPONED') {
      this.#endWaiting(live, current, 'CANCELLED', `cancelled by ${by} while postponed`);
      this.#finish(live);
    } else {
      this.#stopTask(current, 'cancel', `cancelled by ${by}`);
    }
    return true;
  }

  /** Notes that output of a running task could not be stored (the recorder tells). */
  noteOutputLoss(taskRunId: number, note: string): void {
    if (this.#byTaskRun.has(taskRunId)) this.#outputNotes.set(taskRunId, note);
  }

  /** The bunch run a task run belongs to, when it is under way here. */
  bunchRunOfTaskRun(taskRunId: number): number | undefined {
    return this.#byTaskRun.get(taskRunId)?.record.id;
  }

  /**
   * Stops: postponed steps end INTERRUPTED at once, running tasks get up to `graceMs` to finish, then are
   * stopped and end INTERRUPTED. No new step starts.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.#stopping = true;
    for (const live of [...this.#live.values()]) {
      const current = live.current;
      if (current?.taskRun.status === 'POSTPONED') {
        this.#endWaiting(live, current, 'INTERRUPTED', 'the server stopped while this step was postponed');
        this.#finish(live);
      }
    }
    if (this.#launched.size > 0 && graceMs > 0) {
      let timer: TimerHandle | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = this.#deps.clock.setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.all(this.#launched), graceOver]);
      timer?.cancel();
    }
    for (const live of this.#live.values()) {
      if (live.current?.controller) {
        this.#stopTask(live.current, 'shutdown', `the server stopped before it ended (after waiting ${formatDuration(graceMs)})`);
      }
    }
    while (this.#launched.size > 0) await Promise.all(this.#launched);
    // Whatever is left is between steps or waiting for its launch commit: it will not go on.
    for (const live of [...this.#live.values()]) this.#finish(live);
  }

  /** Goes on with the steps from `from`; whatever goes wrong ends the bunch run with the reason, never the server. */
  #next(live: LiveRun, from: number): void {
    this.#advance(live, from).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.#deps.logger.error('a bunch run could not go on', { bunchRunId: live.record.id, error: message });
      const current = live.current;
      if (current && current.controller === null) {
        this.#endWaiting(live, current, 'FAILED', `the server could not start this step: ${message}`);
      }
      live.failure ??= `the server could not go on with this run: ${message}`;
      this.#finish(live);
    });
  }

  async #advance(live: LiveRun, from: number): Promise<void> {
    const { recorder, ids, catalog, clock } = this.#deps;
    await ids.reserve('task_runs', Math.max(1, live.record.steps.length - from));
    for (let position = from; position < live.record.steps.length; position++) {
      if (live.cancelledBy || this.#stopping) break;
      const step = live.record.steps[position];
      if (!step) break;
      const now = clock.now();
      const prepared =
        live.resumed?.position === position ? live.resumed : position === 0 && live.record.firstStep?.status === 'READY' ? live.record.firstStep : null;
      live.resumed = null;
      const taskRun = prepared ?? newTaskRun(ids.take('task_runs'), live.record.id, position, step.task, now);
      live.taskRuns.push(taskRun);
      const latest = [...live.taskRuns].reverse().find((t) => stepRan(t.status));
      const unmet = unmetCondition(step.startIf, latest ?? null);
      const task = catalog.get(step.task);
      let refusal = unmet;
      let params: ParameterValues = {};
      if (!refusal && !task) refusal = `task ${step.task} is not in this server's catalog`;
      if (!refusal && task && !task.available) refusal = `task ${step.task} is unavailable: ${task.unavailableReason ?? 'unknown reason'}`;
      if (!refusal && task) refusal = scopeRefusal(task, live.record.orgId);
      if (!refusal && task) {
        try {
          params = validateParams(task.parameters, pickDeclared(live.record.params, task));
        } catch (error) {
          refusal = error instanceof Error ? error.message : String(error);
        }
      }
      if (refusal || !task) {
        taskRun.status = unmet ? 'SKIPPED' : 'FAILED';
        taskRun.statusReason = refusal;
        taskRun.endedAt = now;
        recorder.saveTaskRun(taskRun);
        continue;
      }
      const current: CurrentStep = {
        taskRun,
        task,
        params,
        controller: null,
        stop: null,
        postponeTimer: null,
        holdsLocal: false,
        inLine: false,
        holdsShared: false,
      };
      live.current = current;
      this.#byTaskRun.set(taskRun.id, live);
      const request = this.#slotRequest(current);
      if (this.#line && request) {
        current.inLine = true;
        // Whether it gets a slot at once is known only when the database answers: the limit runs from now.
        this.#startPostponeLimit(live, current);
        this.#line.add({ request, taken: () => this.#sharedSlotTaken(live, current), refused: (held) => this.#sharedSlotRefused(live, current, held) });
      } else if (this.#slots.tryAcquire(task.name, parallelLimit(task))) {
        current.holdsLocal = true;
        this.#markRunning(live, current);
      } else {
        this.#postpone(live, current, `waiting for ${task.name} to free up (${this.#slots.running(task.name)} running)`);
        this.#slots.wait({ taskRunId: taskRun.id, task: task.name });
      }
      return;
    }
    this.#finish(live);
  }

  /** Several nodes: the step got a slot row of its task. */
  #sharedSlotTaken(live: LiveRun, current: CurrentStep): void {
    current.inLine = false;
    current.holdsShared = true;
    if (live.current !== current || this.#stopping) {
      this.#freeSlots(current);
      return;
    }
    this.#markRunning(live, current);
  }

  /** Several nodes: the step waits for a slot (held here or elsewhere, or a step of some node waited longer). */
  #sharedSlotRefused(live: LiveRun, current: CurrentStep, held: number | null): void {
    if (live.current !== current || !current.inLine || this.#stopping) return;
    const full = held !== null && held >= (parallelLimit(current.task) ?? Number.POSITIVE_INFINITY);
    const why = held === null ? 'in line' : full ? `${held} running` : 'runs that waited longer go first';
    this.#markPostponed(live, current, `waiting for ${current.task.name} to free up (${why})`);
  }

  /**
   * Gives back the step's slot (or its place in line), and lets the next step waiting for one have it: this
   * node's next, or in the shared line the first, once the slot row is free for it to take.
   */
  #freeSlots(current: CurrentStep): void {
    const { name } = current.task;
    if (current.inLine) {
      current.inLine = false;
      this.#line?.remove(current.taskRun.id, name);
      return;
    }
    const shared = this.#deps.sharedSlots;
    if (current.holdsShared && shared) {
      current.holdsShared = false;
      shared
        .giveBack(current.taskRun.id)
        .catch((error: unknown) => this.#deps.logger.error('could not give back a task slot', { task: name, error }))
        .finally(() => this.#line?.released(name));
      return;
    }
    if (!current.holdsLocal) {
      this.#slots.remove(current.taskRun.id, name);
      return;
    }
    current.holdsLocal = false;
    const next = this.#slots.release(name, parallelLimit(current.task));
    if (next) this.#resumeWaiter(next.taskRunId);
  }

  /** What a step asks the shared slots for: null for a task without a parallel limit. */
  #slotRequest(current: CurrentStep): SlotRequest | null {
    const limit = parallelLimit(current.task);
    // Its place in line: when its task run was made (when the step began to want its task).
    return limit === null ? null : { task: current.task.name, limit, taskRunId: current.taskRun.id, since: current.taskRun.createdAt };
  }

  #markRunning(live: LiveRun, current: CurrentStep): void {
    const { recorder } = this.#deps;
    current.postponeTimer?.cancel();
    current.postponeTimer = null;
    const now = this.#deps.clock.now();
    // The claim stored this step and its run READY: starting them is a status change (see RunRecorder.saveStart).
    const claimedStart = current.taskRun === live.record.firstStep && current.taskRun.status === 'READY';
    current.taskRun.status = 'RUNNING';
    current.taskRun.statusReason = null;
    current.taskRun.startedAt = now;
    // A reason that explained a wait is over; where the run came from (moved, catch-up) is worth keeping.
    live.record.statusReason = live.record.note;
    live.record.status = 'RUNNING';
    live.record.startedAt ??= now;
    if (claimedStart) {
      recorder.saveStart(live.record, current.taskRun);
    } else {
      recorder.saveTaskRun(current.taskRun);
      recorder.saveBunchRun(live.record);
    }
    const launched: Promise<void> = (claimedStart ? recorder.commitStarts() : recorder.commit())
      .then(() => (claimedStart && recorder.takeWithdrawn(live.record.id) ? this.#withdraw(live, current) : this.#launch(live, current)))
      .catch((error: unknown) => this.#deps.logger.error('task launch failed', { taskRunId: current.taskRun.id, error }))
      .finally(() => this.#launched.delete(launched));
    this.#launched.add(launched);
  }

  /** The step waits for its task: it is recorded POSTPONED with the reason, and its postpone limit runs. */
  #postpone(live: LiveRun, current: CurrentStep, reason: string): void {
    this.#startPostponeLimit(live, current);
    this.#markPostponed(live, current, reason);
  }

  /** Records the step POSTPONED with the reason (again, when the reason changes). */
  #markPostponed(live: LiveRun, current: CurrentStep, reason: string): void {
    if (current.taskRun.status === 'POSTPONED' && current.taskRun.statusReason === reason) return;
    current.taskRun.status = 'POSTPONED';
    current.taskRun.statusReason = reason;
    live.record.status = 'POSTPONED';
    live.record.statusReason = reason;
    this.#deps.recorder.saveTaskRun(current.taskRun);
    this.#deps.recorder.saveBunchRun(live.record);
  }

  /** From now on the step may wait up to the postpone limit; past it, it is SKIPPED and the bunch goes on. */
  #startPostponeLimit(live: LiveRun, current: CurrentStep): void {
    const { clock, settings } = this.#deps;
    // A step taken over from another node, postponed there, has waited since its task run was made.
    const waitedMs = current.taskRun.status === 'POSTPONED' ? Math.max(0, clock.now() - current.taskRun.createdAt) : 0;
    const limitMs = settings().postpone_limit_seconds * 1000;
    current.postponeTimer = clock.setTimeout(() => {
      if (live.current !== current || current.controller !== null || current.holdsShared || current.holdsLocal) return;
      this.#endWaiting(
        live,
        current,
        'SKIPPED',
        `postponed for longer than the limit (${formatDuration(limitMs)}): ${current.task.name} was still busy`,
      );
      this.#next(live, current.taskRun.position + 1);
    }, limitMs - waitedMs);
  }

  /** Ends a step that never started (postponed, cancelled or skipped while waiting). */
  #endWaiting(live: LiveRun, current: CurrentStep, status: RunStatus, reason: string): void {
    current.postponeTimer?.cancel();
    this.#freeSlots(current);
    current.taskRun.status = status;
    current.taskRun.statusReason = reason;
    current.taskRun.endedAt = this.#deps.clock.now();
    this.#deps.recorder.saveTaskRun(current.taskRun);
    this.#byTaskRun.delete(current.taskRun.id);
    live.current = null;
  }

  async #launch(live: LiveRun, current: CurrentStep): Promise<void> {
    const { clock, logs, settings, logger } = this.#deps;
    const { task, taskRun } = current;
    const controller = new AbortController();
    current.controller = controller;
    if (live.cancelledBy) this.#stopTask(current, 'cancel', `cancelled by ${live.cancelledBy}`);
    else if (this.#stopping) this.#stopTask(current, 'shutdown', 'the server stopped before it could start');
    const timeout = clock.setTimeout(
      () => this.#stopTask(current, 'timeout', `timed out after ${formatDuration(task.timeoutMs)}`),
      task.timeoutMs,
    );
    // Starting a process blocks the event loop for a few milliseconds; when many start together, let
    // everything else (due fires, the API) go between them.
    if (task.kind === 'command') await new Promise<void>((resolve) => setImmediate(resolve));
    const output = logs.open(taskRun.id, settings().log_cap_bytes);
    let result: TaskResult;
    try {
      result = controller.signal.aborted
        ? { exitCode: null, signal: null, error: null }
        : await task.run({
            taskRunId: taskRun.id,
            params: current.params,
            orgId: live.record.orgId,
            output,
            signal: controller.signal,
            clock,
            reportProcess: (pid) => {
              taskRun.pid = pid;
              this.#deps.recorder.saveTaskRun(taskRun);
            },
          });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn('task threw', { task: task.name, taskRunId: taskRun.id, error: message });
      result = { exitCode: null, signal: null, error: `${task.name} failed: ${message}` };
    }
    timeout.cancel();
    output.close();
    this.#taskEnded(live, current, result);
  }

  #taskEnded(live: LiveRun, current: CurrentStep, result: TaskResult): void {
    const { recorder, clock } = this.#deps;
    const { status, reason } = taskOutcome(result, current.stop);
    const note = this.#outputNotes.get(current.taskRun.id);
    this.#outputNotes.delete(current.taskRun.id);
    current.taskRun.status = status;
    current.taskRun.statusReason = note ? (reason ? `${reason}; ${note}` : note) : reason;
    current.taskRun.exitCode = result.exitCode;
    current.taskRun.endedAt = clock.now();
    recorder.saveTaskRun(current.taskRun);
    this.#deps.logger.info('task run ended', {
      taskRunId: current.taskRun.id,
      bunchRunId: live.record.id,
      scheduleId: live.record.scheduleId,
      task: current.task.name,
      status,
      ...(reason ? { reason } : {}),
      ms: current.taskRun.endedAt - (current.taskRun.startedAt ?? current.taskRun.endedAt),
    });
    this.#byTaskRun.delete(current.taskRun.id);
    live.current = null;
    this.#freeSlots(current);
    if (status === 'CANCELLED' || status === 'INTERRUPTED') this.#finish(live);
    else this.#next(live, current.taskRun.position + 1);
  }

  /** A postponed step got its slot. */
  #resumeWaiter(taskRunId: number): void {
    const live = this.#byTaskRun.get(taskRunId);
    const current = live?.current;
    if (!live || !current || current.taskRun.id !== taskRunId) return;
    current.holdsLocal = true;
    this.#markRunning(live, current);
  }

  /**
   * Drops a claimed run whose start found it withdrawn: another node's edit of its schedule took the fire
   * back (and deleted its rows) after this node had claimed it. Nothing ran and nothing is left to record.
   */
  #withdraw(live: LiveRun, current: CurrentStep): void {
    this.#deps.logger.info('claimed fire withdrawn before it started', { bunchRunId: live.record.id, scheduleId: live.record.scheduleId });
    this.#byTaskRun.delete(current.taskRun.id);
    live.current = null;
    this.#freeSlots(current);
    if (this.#live.get(live.record.id) === live) this.#live.delete(live.record.id);
    live.onEnd(live.record);
  }

  #stopTask(current: CurrentStep, reason: StopReason, detail: string): void {
    if (current.stop || !current.controller) return;
    current.stop = { reason, detail };
    current.controller.abort(reason);
  }

  #finish(live: LiveRun): void {
    if (!this.#live.has(live.record.id)) return;
    const { record, taskRuns } = live;
    const statuses = taskRuns.map((t) => t.status);
    const stopped = this.#stopping && !live.cancelledBy && taskRuns.length < record.steps.length;
    record.status = live.cancelledBy ? 'CANCELLED' : stopped ? 'INTERRUPTED' : live.failure ? 'FAILED' : bunchOutcome(statuses);
    record.statusReason = live.failure
      ? live.failure
      : live.cancelledBy
      ? `cancelled by ${live.cancelledBy}`
      : stopped
        ? `the server stopped after step ${taskRuns.length} of ${record.steps.length}`
        : (summarize(taskRuns, record.status) ?? record.note);
    record.endedAt = this.#deps.clock.now();
    this.#deps.recorder.saveBunchRun(record);
    this.#live.delete(record.id);
    live.onEnd(record);
  }
}

/** The schedule's parameter values that `task` declares (a bunch's tasks share one set of values). */
function pickDeclared(values: Readonly<Record<string, unknown>>, task: RunnableTask): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const p of task.parameters) {
    if (Object.hasOwn(values, p.name)) picked[p.name] = values[p.name];
  }
  return picked;
}

function summarize(taskRuns: ReadonlyArray<TaskRunRecord>, status: RunStatus): string | null {
  if (status === 'FINISHED') return null;
  const culprit = taskRuns.find((t) => t.status === status || (status === 'FAILED' && t.status === 'TIMED_OUT'));
  if (!culprit) return null;
  return `step ${culprit.position + 1} (${culprit.task}) ${culprit.status}${culprit.statusReason ? `: ${culprit.statusReason}` : ''}`;
}
