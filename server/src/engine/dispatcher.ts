import type { OverlapPolicy } from '@taskomatic/shared';
import { assertNever } from '@taskomatic/shared';
import type { IdAllocator } from '../db/id-allocator.js';
import type { Logger } from '../logger.js';
import type { Clock, TimerHandle } from './clock.js';
import type { BunchExecutor } from './executor.js';
import { FireIndex } from './fire-index.js';
import { type BunchRunRecord, CLAIMED_TRIGGERS, type TaskRunRecord } from './run-record.js';
import type { RunRecorder } from './run-recorder.js';

/**
 * Runs started per turn of the event loop: large enough that a second with thousands of due fires starts
 * them in one sweep (a few microseconds each), bounded so that a backlog never holds the loop for long.
 */
const DISPATCH_SLICE = 2000;

/** What a schedule has under way, for its overlap policy. */
interface ScheduleActivity {
  readonly active: Set<number>;
  queued: BunchRunRecord | null;
  /** The SKIPPED record of the current streak: further skipped fires are counted on it. */
  skipRecord: BunchRunRecord | null;
}

interface PendingRun {
  readonly record: BunchRunRecord;
  readonly overlap: OverlapPolicy;
}

/**
 * Holds the bunch runs that are READY (claimed fires, runs requested for an instant, catch-ups) and starts
 * each when it is due, applying its schedule's overlap policy: SKIP records the fire as skipped (consecutive
 * ones counted on one record), QUEUE_ONE lets one wait for the run under way, ALLOW starts it anyway.
 */
export class Dispatcher {
  readonly #clock: Clock;
  readonly #executor: BunchExecutor;
  readonly #recorder: RunRecorder;
  readonly #ids: IdAllocator;
  readonly #logger: Logger;
  readonly #due = new FireIndex();
  readonly #pending = new Map<number, PendingRun>();
  readonly #activity = new Map<number, ScheduleActivity>();
  /** Queued runs on their way to the executor (their ids being reserved). */
  readonly #starting = new Set<number>();
  #timer: TimerHandle | null = null;
  #timerAt = Number.POSITIVE_INFINITY;
  #stopped = true;

  constructor(deps: { clock: Clock; executor: BunchExecutor; recorder: RunRecorder; ids: IdAllocator; logger: Logger }) {
    this.#clock = deps.clock;
    this.#executor = deps.executor;
    this.#recorder = deps.recorder;
    this.#ids = deps.ids;
    this.#logger = deps.logger;
  }

  /** READY runs waiting for their time (or, with QUEUE_ONE, for the run before them). */
  get pendingCount(): number {
    return this.#pending.size + [...this.#activity.values()].filter((a) => a.queued).length;
  }

  start(): void {
    this.#stopped = false;
    this.#arm();
  }

  /** Stops starting runs; READY ones stay READY in the database. */
  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = null;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** Adds a READY run; it starts when due (at once when its time has come). */
  add(record: BunchRunRecord, overlap: OverlapPolicy): void {
    // The same READY run reaching this node twice (handed over, adopted) waits and runs once.
    if (this.has(record.id) || this.#executor.has(record.id)) return;
    this.#pending.set(record.id, { record, overlap });
    this.#due.set(record.id, record.dueAt);
    this.#arm();
  }

  /**
   * Takes back READY runs of a schedule that were claimed from its timing and are due after `after`, so an
   * edit can claim them again under the new timing. Manual runs stay.
   */
  takeClaimed(scheduleId: number, after: number): BunchRunRecord[] {
    const taken: BunchRunRecord[] = [];
    for (const [id, { record }] of this.#pending) {
      if (record.scheduleId !== scheduleId || record.dueAt <= after) continue;
      if (!CLAIMED_TRIGGERS.includes(record.trigger)) continue;
      this.#pending.delete(id);
      this.#due.delete(id);
      taken.push(record);
    }
    return taken;
  }

  /** Removes a READY run (pending or queued) that has not started; returns it, or undefined. */
  take(bunchRunId: number): BunchRunRecord | undefined {
    const pending = this.#pending.get(bunchRunId);
    if (pending) {
      this.#pending.delete(bunchRunId);
      this.#due.delete(bunchRunId);
      return pending.record;
    }
    for (const activity of this.#activity.values()) {
      if (activity.queued?.id === bunchRunId) {
        const record = activity.queued;
        activity.queued = null;
        return record;
      }
    }
    return undefined;
  }

  /** Goes on with a run another node left postponed; it counts as under way for its schedule's overlap policy. */
  resume(record: BunchRunRecord, done: ReadonlyArray<TaskRunRecord>, waiting: TaskRunRecord): void {
    if (record.scheduleId === null) {
      this.#executor.resume(record, done, waiting, () => undefined);
      return;
    }
    const activity = this.#activityOf(record.scheduleId);
    activity.active.add(record.id);
    this.#executor.resume(record, done, waiting, (ended) => this.#runEnded(ended, activity));
  }

  /** True when this READY run is held here (waiting for its time, or queued behind its schedule's run). */
  has(bunchRunId: number): boolean {
    if (this.#pending.has(bunchRunId) || this.#starting.has(bunchRunId)) return true;
    for (const activity of this.#activity.values()) if (activity.queued?.id === bunchRunId) return true;
    return false;
  }

  /** The earliest READY run's due time. */
  nextDue(): number | undefined {
    return this.#due.peekTime();
  }

  #arm(): void {
    if (this.#stopped) return;
    const next = this.#due.peekTime();
    if (next === undefined || next >= this.#timerAt) return;
    this.#timer?.cancel();
    this.#timerAt = next;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#startDue().catch((error: unknown) => this.#logger.error('starting due runs failed', { error }));
    }, next - this.#clock.now());
  }

  async #startDue(): Promise<void> {
    if (this.#stopped) return;
    // A slice at a time: nothing holds the event loop for long when a backlog is due at once.
    const due = this.#due.takeDue(this.#clock.now(), DISPATCH_SLICE);
    // Every started run needs one task run id at once, every skipped one too.
    await this.#ids.reserve('task_runs', due.length);
    for (const { key } of due) {
      const pending = this.#pending.get(key);
      this.#pending.delete(key);
      if (pending) this.#dispatch(pending);
    }
    this.#arm();
  }

  #dispatch({ record, overlap }: PendingRun): void {
    if (record.scheduleId === null) {
      this.#executor.start(record, () => undefined);
      return;
    }
    const activity = this.#activityOf(record.scheduleId);
    if (activity.active.size === 0) {
      this.#startRun(record, activity);
      return;
    }
    const previous = [...activity.active].at(-1);
    switch (overlap) {
      case 'ALLOW':
        this.#startRun(record, activity);
        return;
      case 'QUEUE_ONE':
        if (!activity.queued) {
          activity.queued = record;
          record.statusReason = `waiting for run ${previous} to end (overlap policy QUEUE_ONE)`;
          this.#recorder.saveBunchRun(record);
          return;
        }
        this.#skip(record, activity, `run ${previous} was still going and run ${activity.queued.id} was already waiting (overlap policy QUEUE_ONE)`);
        return;
      case 'SKIP':
        this.#skip(record, activity, `run ${previous} was still going (overlap policy SKIP)`);
        return;
      default:
        assertNever(overlap);
    }
  }

  #startRun(record: BunchRunRecord, activity: ScheduleActivity): void {
    activity.active.add(record.id);
    activity.skipRecord = null;
    this.#executor.start(record, (ended) => this.#runEnded(ended, activity));
  }

  #runEnded(record: BunchRunRecord, activity: ScheduleActivity): void {
    activity.active.delete(record.id);
    if (activity.active.size === 0 && activity.queued && !this.#stopped) {
      const next = activity.queued;
      activity.queued = null;
      next.statusReason = next.note;
      this.#starting.add(next.id);
      this.#ids
        .reserve('task_runs', 1)
        .then(() => this.#startRun(next, activity))
        .catch((error: unknown) => this.#logger.error('starting a queued run failed', { error }))
        .finally(() => this.#starting.delete(next.id));
      return;
    }
    if (activity.active.size === 0) {
      // The run the skipped fires waited for is over: the streak ends with it.
      activity.skipRecord = null;
      if (!activity.queued && record.scheduleId !== null) this.#activity.delete(record.scheduleId);
    }
  }

  #skip(record: BunchRunRecord, activity: ScheduleActivity, reason: string): void {
    const streak = activity.skipRecord;
    if (streak) {
      streak.fireCount += 1;
      streak.lastFireAt = record.dueAt;
      streak.statusReason = `${streak.fireCount} consecutive fires skipped; last: ${reason}`;
      this.#recorder.saveBunchRun(streak);
      this.#recorder.deleteBunchRun(record.id);
      return;
    }
    record.fireCount = 1;
    record.lastFireAt = record.dueAt;
    this.#executor.closeUnstarted(record, 'SKIPPED', reason);
    activity.skipRecord = record;
  }

  #activityOf(scheduleId: number): ScheduleActivity {
    let activity = this.#activity.get(scheduleId);
    if (!activity) {
      activity = { active: new Set(), queued: null, skipRecord: null };
      this.#activity.set(scheduleId, activity);
    }
    return activity;
  }
}
