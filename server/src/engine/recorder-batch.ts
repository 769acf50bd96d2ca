import type { BunchRunRecord, TaskRunRecord } from './run-record.js';

/** A schedule's next fire, as the engine moves it forward. */
export interface NextFireChange {
  readonly scheduleId: number;
  readonly nextFireAt: number | null;
  /** Set when nothing is left to fire. */
  readonly ended: { readonly at: number; readonly reason: string } | null;
}

/** A claimed run starting: its READY rows are stored, only its status and start time change. */
export interface Start {
  readonly bunch: BunchRunRecord;
  readonly task: TaskRunRecord;
}

export interface Batch {
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
}

export function newBatch(): Batch {
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
  };
}

export function isEmpty(batch: Batch): boolean {
  return (
    batch.bunchRuns.size === 0 &&
    batch.taskRuns.size === 0 &&
    batch.deletedBunchRuns.size === 0 &&
    batch.nextFires.size === 0
  );
}

/** Puts `older` under `newer`: where both hold a row, the newer state wins. */
export function mergeInto(newer: Batch, older: Batch): void {
  for (const { bunch, task } of older.starts) {
    if (!newer.bunchRuns.has(bunch.id)) newer.bunchRuns.set(bunch.id, bunch);
    if (!newer.taskRuns.has(task.id)) newer.taskRuns.set(task.id, task);
  }
  for (const [id, r] of older.bunchRuns) if (!newer.bunchRuns.has(id) && !newer.deletedBunchRuns.has(id)) newer.bunchRuns.set(id, r);
  for (const [id, r] of older.taskRuns) if (!newer.taskRuns.has(id)) newer.taskRuns.set(id, r);
  for (const id of older.deletedBunchRuns) if (!newer.bunchRuns.has(id)) newer.deletedBunchRuns.add(id);
  for (const [id, c] of older.nextFires) if (!newer.nextFires.has(id)) newer.nextFires.set(id, c);
}
