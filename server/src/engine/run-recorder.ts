import type { Kysely, Transaction } from 'kysely';
import { isFinalStatus } from '@taskomatic/shared';
import type { Tables } from '../db/tables.js';
import type { LogCounters, LogStore } from '../logs/log-store.js';
import type { Logger } from '../logger.js';
import { type Batch, isEmpty, mergeInto, newBatch, type NextFireChange } from './recorder-batch.js';
import { type WriteGuard, writeBatch, writeBatchIn, writeStarts } from './recorder-writes.js';
import type { BunchRunRecord, TaskRunRecord } from './run-record.js';
import { NodeFencedError } from './cluster/node-registry.js';

export type { NextFireChange } from './recorder-batch.js';

/**
 * Writes the engine's state changes in shared transactions. Everything recorded within one turn of the event
 * loop (and whatever arrives while the previous transaction commits) goes into one transaction, with each
 * row's latest state written once: that is how thousands of runs a second fit in a few commits.
 *
 * `commit()` resolves once everything recorded before it is durable; the engine awaits it before it starts a
 * task, so a crash can never leave a task running that the database does not know about.
 *
 * A failed transaction is retried without its log output (counted as dropped, so a full disk costs output,
 * never run states); if that fails too, the batch stays queued and is retried with a growing pause.
 */
export class RunRecorder {
  readonly #db: Kysely<Tables>;
  readonly #logs: LogStore;
  readonly #logger: Logger;
  #current: Batch = newBatch();
  #scheduled = false;
  #flushing: Promise<void> = Promise.resolve();
  #retryDelayMs = 0;
  readonly #isTransient: (error: unknown) => boolean;
  #onCommitted: (runs: ReadonlyArray<BunchRunRecord>) => void = () => undefined;
  #onLogLoss: (taskRunId: number, note: string) => void = () => undefined;
  readonly #nodeId: string | null;
  /** Claimed runs whose start found them withdrawn (see writeStarts), until the executor asks. */
  readonly #withdrawn = new Set<number>();

  readonly #guard: WriteGuard | null;
  /** Set once the guard refused a write: this node was declared gone, and writes nothing more. */
  #fenced = false;
  #onFenced: (error: unknown) => void = () => undefined;

  /**
   * `node`: the node whose runs these are, written on each bunch run, and the guard that runs first in each of
   * its transactions (several nodes: it refuses the writes of a node another has declared gone).
   */
  constructor(
    db: Kysely<Tables>,
    logs: LogStore,
    logger: Logger,
    isTransient: (error: unknown) => boolean,
    node: { readonly id: string; readonly guard: WriteGuard | null } | null = null,
  ) {
    this.#db = db;
    this.#nodeId = node?.id ?? null;
    this.#guard = node?.guard ?? null;
    this.#isTransient = isTransient;
    this.#logs = logs;
    this.#logger = logger;
    logs.onPending = () => this.#schedule();
  }

  /**
   * Told when output of a run that is still going could not be stored (e.g. the disk is full), with a note
   * for the run's status reason. Runs that already ended get the note here.
   */
  set onLogLoss(callback: (taskRunId: number, note: string) => void) {
    this.#onLogLoss = callback;
  }

  saveBunchRun(record: BunchRunRecord): void {
    this.#current.deletedBunchRuns.delete(record.id);
    this.#current.bunchRuns.set(record.id, record);
    this.#schedule();
  }

  saveTaskRun(record: TaskRunRecord): void {
    this.#current.taskRuns.set(record.id, record);
    this.#schedule();
  }

  /** Removes a bunch run that never started (a claimed fire that no longer applies, a merged skip). */
  deleteBunchRun(id: number): void {
    this.#current.bunchRuns.delete(id);
    this.#current.deletedBunchRuns.add(id);
    this.#schedule();
  }

  setNextFire(change: NextFireChange): void {
    this.#current.nextFires.set(change.scheduleId, change);
    this.#schedule();
  }

  /**
   * Records that a claimed run starts: its bunch run and first task run, stored READY by the claim, become
   * RUNNING. Starts are written first, in a transaction of their own, so that the moment a fire is due costs
   * two small statements however much else is waiting to be written.
   */
  saveStart(bunch: BunchRunRecord, task: TaskRunRecord): void {
    this.#current.starts.push({ bunch, task });
    this.#schedule();
  }

  /**
   * True (once) when a run's start found it withdrawn: another node took its claimed fire back before it
   * started. Ask after `commitStarts()`.
   */
  takeWithdrawn(bunchRunId: number): boolean {
    return this.#withdrawn.delete(bunchRunId);
  }

  /** Told (once) when the guard refused a write: another node declared this one gone. */
  set onFenced(listener: (error: unknown) => void) {
    this.#onFenced = listener;
  }

  /** True once this node's writes are refused (it was declared gone). */
  get fenced(): boolean {
    return this.#fenced;
  }

  /** Writes a batch built elsewhere (a claim) inside that caller's transaction, as this node's. */
  async writeInTransaction(trx: Transaction<Tables>, batch: Batch): Promise<void> {
    try {
      await this.#guard?.(trx);
    } catch (error) {
      if (error instanceof NodeFencedError) this.#fence(error);
      throw error;
    }
    await writeBatchIn(trx, batch, [], [], this.#nodeId);
  }

  /** Tells the listeners of runs committed outside the recorder (a claim's own transaction). */
  announce(runs: ReadonlyArray<BunchRunRecord>): void {
    this.#tell(runs);
  }

  /** Resolves once the starts recorded so far are committed. */
  commitStarts(): Promise<void> {
    const batch = this.#current;
    this.#schedule();
    return batch.startsCommitted;
  }

  /** Resolves once everything recorded so far is committed. */
  commit(): Promise<void> {
    const batch = this.#current;
    this.#schedule();
    return batch.committed;
  }

  /** Commits what is pending and waits for every transaction under way. */
  async drain(): Promise<void> {
    await this.commit();
    await this.#flushing;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#flushing = this.#flushing.then(() => this.#flush());
    });
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#current;
    this.#current = newBatch();
    if (this.#fenced) {
      // Another node took over this one's work: what this node would write is no longer its to write.
      for (const { bunch } of batch.starts) this.#withdrawn.add(bunch.id);
      this.#logs.drain();
      batch.resolveStarts();
      batch.resolve();
      return;
    }
    if (batch.starts.length > 0) {
      try {
        for (const id of await writeStarts(this.#db, batch.starts, this.#guard)) this.#withdrawn.add(id);
        batch.resolveStarts();
        this.#tell(batch.starts.map((s) => s.bunch));
      } catch (error) {
        if (error instanceof NodeFencedError) {
          this.#fence(error);
          mergeInto(this.#current, batch);
          this.#current.committed.then(batch.resolve, batch.reject);
          this.#schedule();
          return;
        }
        // Written with the rest of the batch instead (and retried with it): full rows, same outcome.
        this.#logger.warn('could not write run starts on their own; writing them with the batch', { error });
        for (const { bunch, task } of batch.starts) {
          if (!batch.bunchRuns.has(bunch.id)) batch.bunchRuns.set(bunch.id, bunch);
          if (!batch.taskRuns.has(task.id)) batch.taskRuns.set(task.id, task);
        }
        batch.committed.then(batch.resolveStarts, () => undefined);
      }
    }
    const { chunks, counters } = this.#logs.drain();
    if (isEmpty(batch) && chunks.length === 0 && counters.length === 0) {
      batch.resolve();
      return;
    }
    for (;;) {
      try {
        await writeBatch(this.#db, batch, chunks, counters, this.#nodeId, this.#guard);
        this.#logs.stored(chunks);
        this.#retryDelayMs = 0;
        batch.resolve();
        this.#tell([...batch.bunchRuns.values()]);
        return;
      } catch (error) {
        if (error instanceof NodeFencedError) {
          this.#fence(error);
          batch.resolve();
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        if (chunks.length > 0) {
          this.#logger.error('could not store task output; it is dropped and counted', { error: message, chunks: chunks.length });
          const lostCounters = this.#logs.lost(chunks);
          chunks.length = 0;
          counters.length = 0;
          counters.push(...lostCounters);
          for (const c of lostCounters) {
            const note = `output not stored: ${c.stdoutDropped + c.stderrDropped} bytes dropped (${message})`;
            const ended = batch.taskRuns.get(c.taskRunId) ?? this.#current.taskRuns.get(c.taskRunId);
            if (ended && isFinalStatus(ended.status)) ended.statusReason = ended.statusReason ? `${ended.statusReason}; ${note}` : note;
            else this.#onLogLoss(c.taskRunId, note);
          }
          continue;
        }
        if (!this.#isTransient(error)) {
          // Retrying would fail forever and hold back every later write: set the refused rows aside.
          this.#logger.error('a batch of run states was refused; writing its rows one by one', { error: message });
          await this.#writeOneByOne(batch, counters);
          this.#retryDelayMs = 0;
          batch.resolve();
          return;
        }
        this.#retryDelayMs = Math.min(30_000, Math.max(250, this.#retryDelayMs * 2));
        this.#logger.error('could not write run states; retrying', { error: message, retryInMs: this.#retryDelayMs });
        await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs).unref());
        // Whatever arrived meanwhile is newer: merge this batch under it and write them together.
        mergeInto(this.#current, batch);
        this.#current.committed.then(batch.resolve, batch.reject);
        this.#schedule();
        return;
      }
    }
  }

  #fence(error: NodeFencedError): void {
    if (this.#fenced) return;
    this.#fenced = true;
    this.#logger.error('writes refused: another node declared this node gone and took over its work', { takenOverBy: error.takenOverBy });
    this.#onFenced(error);
  }

  /** Told of bunch runs whose new state was committed (the changes feed listens). */
  set onCommitted(listener: (runs: ReadonlyArray<BunchRunRecord>) => void) {
    this.#onCommitted = listener;
  }

  #tell(runs: ReadonlyArray<BunchRunRecord>): void {
    if (runs.length === 0) return;
    try {
      this.#onCommitted(runs);
    } catch (error) {
      this.#logger.error('a listener of committed runs failed', { error });
    }
  }

  /** True while the last write failed and is being retried (the database is not taking writes). */
  get failing(): boolean {
    return this.#retryDelayMs > 0;
  }

  /** Writes each row of a refused batch on its own; the ones refused again are logged and dropped. */
  async #writeOneByOne(batch: Batch, counters: ReadonlyArray<LogCounters>): Promise<void> {
    const singles: Array<[string, Batch]> = [];
    for (const r of batch.bunchRuns.values()) singles.push([`bunch run ${r.id}`, single((b) => b.bunchRuns.set(r.id, r))]);
    for (const r of batch.taskRuns.values()) singles.push([`task run ${r.id}`, single((b) => b.taskRuns.set(r.id, r))]);
    for (const id of batch.deletedBunchRuns) singles.push([`removal of bunch run ${id}`, single((b) => b.deletedBunchRuns.add(id))]);
    for (const c of batch.nextFires.values()) singles.push([`next fire of schedule ${c.scheduleId}`, single((b) => b.nextFires.set(c.scheduleId, c))]);
    for (const [what, one] of singles) {
      try {
        await writeBatch(this.#db, one, [], [], this.#nodeId, this.#guard);
      } catch (error) {
        this.#logger.error('run state refused by the database; dropped', { what, error: error instanceof Error ? error.message : String(error) });
      }
    }
    for (const c of counters) {
      await writeBatch(this.#db, newBatch(), [], [c], this.#nodeId, this.#guard).catch((error: unknown) =>
        this.#logger.error('output counters refused by the database; dropped', { taskRunId: c.taskRunId, error }),
      );
    }
  }
}

function single(fill: (batch: Batch) => void): Batch {
  const batch = newBatch();
  fill(batch);
  return batch;
}
