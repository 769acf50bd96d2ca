import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { LogChunk, LogCounters, LogStore } from '../logs/log-store.js';
import type { Logger } from '../logger.js';
import type { BunchRunRecord, TaskRunRecord } from './run-record.js';

/** A schedule's next fire, as the engine moves it forward. */
export interface NextFireChange {
  readonly scheduleId: number;
  readonly nextFireAt: number | null;
  /** Set when nothing is left to fire. */
  readonly ended: { readonly at: number; readonly reason: string } | null;
}

interface Batch {
  readonly bunchRuns: Map<number, BunchRunRecord>;
  readonly taskRuns: Map<number, TaskRunRecord>;
  readonly deletedBunchRuns: Set<number>;
  readonly nextFires: Map<number, NextFireChange>;
  readonly committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  waiters: number;
}

/** Rows per multi-row statement: below SQLite's limit of bound variables. */
const ROWS_PER_STATEMENT = 500;

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
  #onLogLoss: (counters: LogCounters, error: string) => void = () => undefined;

  constructor(db: Kysely<Tables>, logs: LogStore, logger: Logger) {
    this.#db = db;
    this.#logs = logs;
    this.#logger = logger;
    logs.onPending = () => this.#schedule();
  }

  /** Told when output of a run could not be stored (e.g. the disk is full). */
  set onLogLoss(callback: (counters: LogCounters, error: string) => void) {
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

  /** Resolves once everything recorded so far is committed. */
  commit(): Promise<void> {
    const batch = this.#current;
    batch.waiters++;
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
    const { chunks, counters } = this.#logs.drain();
    if (isEmpty(batch) && chunks.length === 0) {
      batch.resolve();
      return;
    }
    for (;;) {
      try {
        await this.#write(batch, chunks, counters);
        this.#logs.stored(chunks);
        this.#retryDelayMs = 0;
        batch.resolve();
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (chunks.length > 0) {
          this.#logger.error('could not store task output; it is dropped and counted', { error: message, chunks: chunks.length });
          const lostCounters = this.#logs.lost(chunks);
          chunks.length = 0;
          counters.length = 0;
          counters.push(...lostCounters);
          for (const c of lostCounters) this.#onLogLoss(c, message);
          continue;
        }
        this.#retryDelayMs = Math.min(30_000, Math.max(250, this.#retryDelayMs * 2));
        this.#logger.error('could not write run states; retrying', { error: message, retryInMs: this.#retryDelayMs });
        await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs));
        // Whatever arrived meanwhile is newer: merge this batch under it and write them together.
        mergeInto(this.#current, batch);
        this.#current.waiters += batch.waiters;
        this.#current.committed.then(batch.resolve, batch.reject);
        this.#schedule();
        return;
      }
    }
  }

  async #write(batch: Batch, chunks: ReadonlyArray<LogChunk>, counters: ReadonlyArray<LogCounters>): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await upsertBunchRuns(trx, [...batch.bunchRuns.values()]);
      await upsertTaskRuns(trx, [...batch.taskRuns.values()]);
      if (batch.deletedBunchRuns.size > 0) {
        await trx.deleteFrom('bunch_runs').where('id', 'in', [...batch.deletedBunchRuns]).execute();
      }
      for (let i = 0; i < chunks.length; i += 100) {
        await trx
          .insertInto('log_chunks')
          .values(
            chunks.slice(i, i + 100).map((c) => ({
              task_run_id: c.taskRunId,
              stream: c.stream,
              offset: c.offset,
              written_at: c.writtenAt,
              data: c.data,
            })),
          )
          .execute();
      }
      for (const c of counters) {
        await trx
          .updateTable('task_runs')
          .set({
            stdout_bytes: c.stdoutBytes,
            stderr_bytes: c.stderrBytes,
            stdout_dropped: c.stdoutDropped,
            stderr_dropped: c.stderrDropped,
          })
          .where('id', '=', c.taskRunId)
          .execute();
      }
      for (const change of batch.nextFires.values()) {
        await trx
          .updateTable('schedules')
          .set({
            next_fire_at: change.nextFireAt,
            ...(change.ended ? { ended_at: change.ended.at, end_reason: change.ended.reason } : {}),
          })
          .where('id', '=', change.scheduleId)
          .execute();
      }
    });
  }
}

async function upsertBunchRuns(trx: Transaction<Tables>, records: ReadonlyArray<BunchRunRecord>): Promise<void> {
  for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
    const rows = records.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
      id: r.id,
      schedule_id: r.scheduleId,
      bunch_id: r.bunchId,
      org_id: r.orgId,
      trigger: r.trigger,
      status: r.status,
      status_reason: r.statusReason,
      due_at: r.dueAt,
      started_at: r.startedAt,
      ended_at: r.endedAt,
      params: JSON.stringify(r.params),
      steps: JSON.stringify(r.steps),
      fire_count: r.fireCount,
      last_fire_at: r.lastFireAt,
      requested_by: r.requestedBy,
    }));
    await trx
      .insertInto('bunch_runs')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          trigger: eb.ref('excluded.trigger'),
          status: eb.ref('excluded.status'),
          status_reason: eb.ref('excluded.status_reason'),
          started_at: eb.ref('excluded.started_at'),
          ended_at: eb.ref('excluded.ended_at'),
          fire_count: eb.ref('excluded.fire_count'),
          last_fire_at: eb.ref('excluded.last_fire_at'),
        })),
      )
      .execute();
  }
}

async function upsertTaskRuns(trx: Transaction<Tables>, records: ReadonlyArray<TaskRunRecord>): Promise<void> {
  for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
    const rows = records.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
      id: r.id,
      bunch_run_id: r.bunchRunId,
      position: r.position,
      task: r.task,
      status: r.status,
      status_reason: r.statusReason,
      created_at: r.createdAt,
      started_at: r.startedAt,
      ended_at: r.endedAt,
      exit_code: r.exitCode,
    }));
    await trx
      .insertInto('task_runs')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          status_reason: eb.ref('excluded.status_reason'),
          started_at: eb.ref('excluded.started_at'),
          ended_at: eb.ref('excluded.ended_at'),
          exit_code: eb.ref('excluded.exit_code'),
        })),
      )
      .execute();
  }
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting on a batch; its failure is logged where it happens.
  committed.catch(() => undefined);
  return {
    bunchRuns: new Map(),
    taskRuns: new Map(),
    deletedBunchRuns: new Set(),
    nextFires: new Map(),
    committed,
    resolve,
    reject,
    waiters: 0,
  };
}

function isEmpty(batch: Batch): boolean {
  return (
    batch.bunchRuns.size === 0 &&
    batch.taskRuns.size === 0 &&
    batch.deletedBunchRuns.size === 0 &&
    batch.nextFires.size === 0
  );
}

/** Puts `older` under `newer`: where both hold a row, the newer state wins. */
function mergeInto(newer: Batch, older: Batch): void {
  for (const [id, r] of older.bunchRuns) if (!newer.bunchRuns.has(id) && !newer.deletedBunchRuns.has(id)) newer.bunchRuns.set(id, r);
  for (const [id, r] of older.taskRuns) if (!newer.taskRuns.has(id)) newer.taskRuns.set(id, r);
  for (const id of older.deletedBunchRuns) if (!newer.bunchRuns.has(id)) newer.deletedBunchRuns.add(id);
  for (const [id, c] of older.nextFires) if (!newer.nextFires.has(id)) newer.nextFires.set(id, c);
}
