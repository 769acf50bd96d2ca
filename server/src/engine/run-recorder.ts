import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import { isFinalStatus } from '@taskomatic/shared';
import { chunks, insertRows, setWhereIdIn, updateRows } from '../db/bulk-sql.js';
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

/** A claimed run starting: its READY rows are stored, only its status and start time change. */
interface Start {
  readonly bunch: BunchRunRecord;
  readonly task: TaskRunRecord;
}

interface Batch {
  readonly starts: Start[];
  /** Resolves once the batch's starts are committed (ahead of the rest of the batch). */
  readonly startsCommitted: Promise<void>;
  resolveStarts(): void;
  readonly bunchRuns: Map<number, BunchRunRecord>;
  readonly taskRuns: Map<number, TaskRunRecord>;
  readonly deletedBunchRuns: Set<number>;
  readonly nextFires: Map<number, NextFireChange>;
  readonly committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  waiters: number;
}

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
  #onLogLoss: (taskRunId: number, note: string) => void = () => undefined;

  constructor(db: Kysely<Tables>, logs: LogStore, logger: Logger) {
    this.#db = db;
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

  /** Resolves once the starts recorded so far are committed. */
  commitStarts(): Promise<void> {
    const batch = this.#current;
    this.#schedule();
    return batch.startsCommitted;
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
    if (batch.starts.length > 0) {
      try {
        await this.#writeStarts(batch.starts);
        batch.resolveStarts();
      } catch (error) {
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
          for (const c of lostCounters) {
            const note = `output not stored: ${c.stdoutDropped + c.stderrDropped} bytes dropped (${message})`;
            const ended = batch.taskRuns.get(c.taskRunId) ?? this.#current.taskRuns.get(c.taskRunId);
            if (ended && isFinalStatus(ended.status)) ended.statusReason = ended.statusReason ? `${ended.statusReason}; ${note}` : note;
            else this.#onLogLoss(c.taskRunId, note);
          }
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

  async #writeStarts(starts: ReadonlyArray<Start>): Promise<void> {
    // Runs started in the same tick share their start time; group by it so each group is one statement.
    const byTime = new Map<number, Start[]>();
    for (const start of starts) {
      const at = start.task.startedAt ?? 0;
      const group = byTime.get(at) ?? [];
      group.push(start);
      byTime.set(at, group);
    }
    await this.#db.transaction().execute(async (trx) => {
      for (const [at, group] of byTime) {
        for (const part of chunks(group, 512)) {
          await trx.executeQuery(setWhereIdIn('bunch_runs', { status: 'RUNNING', started_at: at }, part.map((s) => s.bunch.id)));
          await trx.executeQuery(setWhereIdIn('task_runs', { status: 'RUNNING', started_at: at }, part.map((s) => s.task.id)));
        }
      }
    });
  }

  async #write(batch: Batch, chunks: ReadonlyArray<LogChunk>, counters: ReadonlyArray<LogCounters>): Promise<void> {
    const nextFires = [...batch.nextFires.values()];
    const ended = nextFires.filter((c) => c.ended !== null);
    await this.#db.transaction().execute(async (trx) => {
      await writeRows(trx, (rows) => insertRows('bunch_runs', BUNCH_RUN_COLUMNS, rows, BUNCH_RUN_UPSERT), [...batch.bunchRuns.values()].map(bunchRunRow));
      await writeRows(trx, (rows) => insertRows('task_runs', TASK_RUN_COLUMNS, rows, TASK_RUN_UPSERT), [...batch.taskRuns.values()].map(taskRunRow));
      if (batch.deletedBunchRuns.size > 0) {
        await trx.deleteFrom('bunch_runs').where('id', 'in', [...batch.deletedBunchRuns]).execute();
      }
      await writeRows(
        trx,
        (rows) => insertRows('log_chunks', LOG_CHUNK_COLUMNS, rows),
        chunks.map((c) => [c.taskRunId, c.stream, c.offset, c.writtenAt, c.data]),
        16,
      );
      await writeRows(
        trx,
        (rows) => updateRows('task_runs', COUNTER_COLUMNS, rows),
        counters.map((c) => [c.taskRunId, c.stdoutBytes, c.stderrBytes, c.stdoutDropped, c.stderrDropped]),
      );
      await writeRows(trx, (rows) => updateRows('schedules', NEXT_FIRE_COLUMNS, rows), nextFires.map((c) => [c.scheduleId, c.nextFireAt]));
      await writeRows(trx, (rows) => updateRows('schedules', ENDED_COLUMNS, rows), ended.map((c) => [c.scheduleId, c.ended?.at, c.ended?.reason]));
    });
  }
}

const BUNCH_RUN_COLUMNS = [
  'id',
  'schedule_id',
  'bunch_id',
  'org_id',
  'trigger',
  'status',
  'status_reason',
  'due_at',
  'started_at',
  'ended_at',
  'params',
  'steps',
  'fire_count',
  'last_fire_at',
  'requested_by',
] as const;
const BUNCH_RUN_UPSERT = {
  key: 'id',
  update: ['trigger', 'status', 'status_reason', 'started_at', 'ended_at', 'fire_count', 'last_fire_at'],
} as const;
const TASK_RUN_COLUMNS = ['id', 'bunch_run_id', 'position', 'task', 'status', 'status_reason', 'created_at', 'started_at', 'ended_at', 'exit_code', 'pid'] as const;
const TASK_RUN_UPSERT = { key: 'id', update: ['status', 'status_reason', 'started_at', 'ended_at', 'exit_code', 'pid'] } as const;
const LOG_CHUNK_COLUMNS = ['task_run_id', 'stream', 'offset', 'written_at', 'data'] as const;
const COUNTER_COLUMNS = [
  ['id', 'bigint'],
  ['stdout_bytes', 'bigint'],
  ['stderr_bytes', 'bigint'],
  ['stdout_dropped', 'bigint'],
  ['stderr_dropped', 'bigint'],
] as const;
const NEXT_FIRE_COLUMNS = [
  ['id', 'bigint'],
  ['next_fire_at', 'bigint'],
] as const;
const ENDED_COLUMNS = [
  ['id', 'bigint'],
  ['ended_at', 'bigint'],
  ['end_reason', 'text'],
] as const;

/** JSON of values shared by many records (a bunch's steps, a schedule's parameters), made once per object. */
const jsonCache = new WeakMap<object, string>();
function json(value: object): string {
  let text = jsonCache.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonCache.set(value, text);
  }
  return text;
}

function bunchRunRow(r: BunchRunRecord): unknown[] {
  return [
    r.id,
    r.scheduleId,
    r.bunchId,
    r.orgId,
    r.trigger,
    r.status,
    r.statusReason,
    r.dueAt,
    r.startedAt,
    r.endedAt,
    json(r.params),
    json(r.steps),
    r.fireCount,
    r.lastFireAt,
    r.requestedBy,
  ];
}

function taskRunRow(r: TaskRunRecord): unknown[] {
  return [r.id, r.bunchRunId, r.position, r.task, r.status, r.statusReason, r.createdAt, r.startedAt, r.endedAt, r.exitCode, r.pid];
}

async function writeRows(
  trx: Transaction<Tables>,
  statement: (rows: ReadonlyArray<ReadonlyArray<unknown>>) => CompiledQuery,
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  chunkSize?: number,
): Promise<void> {
  for (const chunk of chunks(rows, chunkSize)) await trx.executeQuery(statement(chunk));
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  let resolveStarts!: () => void;
  const committed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const startsCommitted = new Promise<void>((res) => {
    resolveStarts = res;
  });
  // Nobody may be waiting on a batch; its failure is logged where it happens.
  committed.catch(() => undefined);
  return {
    starts: [],
    startsCommitted,
    resolveStarts,
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
  for (const { bunch, task } of older.starts) {
    if (!newer.bunchRuns.has(bunch.id)) newer.bunchRuns.set(bunch.id, bunch);
    if (!newer.taskRuns.has(task.id)) newer.taskRuns.set(task.id, task);
  }
  for (const [id, r] of older.bunchRuns) if (!newer.bunchRuns.has(id) && !newer.deletedBunchRuns.has(id)) newer.bunchRuns.set(id, r);
  for (const [id, r] of older.taskRuns) if (!newer.taskRuns.has(id)) newer.taskRuns.set(id, r);
  for (const id of older.deletedBunchRuns) if (!newer.bunchRuns.has(id)) newer.deletedBunchRuns.add(id);
  for (const [id, c] of older.nextFires) if (!newer.nextFires.has(id)) newer.nextFires.set(id, c);
}
