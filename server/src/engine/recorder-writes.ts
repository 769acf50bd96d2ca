import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import { chunks, insertRows, setWhereIdIn, updateRows } from '../db/bulk-sql.js';
import type { Tables } from '../db/tables.js';
import type { LogChunk, LogCounters } from '../logs/log-store.js';
import type { Batch, Start } from './recorder-batch.js';
import type { BunchRunRecord, TaskRunRecord } from './run-record.js';

/**
 * Writes run starts: two statements per start time, in one transaction. Returns the bunch runs that were no
 * longer READY: withdrawn by another node (an edit of the schedule took back a fire this node had claimed), so
 * they must not start.
 */
export async function writeStarts(db: Kysely<Tables>, starts: ReadonlyArray<Start>, guard: WriteGuard | null): Promise<ReadonlySet<number>> {
  // Runs started in the same tick share their start time; group by it so each group is one statement.
  const byTime = new Map<number, Start[]>();
  for (const start of starts) {
    const at = start.task.startedAt ?? 0;
    const group = byTime.get(at) ?? [];
    group.push(start);
    byTime.set(at, group);
  }
  const withdrawn = new Set<number>();
  await db.transaction().execute(async (trx) => {
    await guard?.(trx);
    for (const [at, group] of byTime) {
      for (const part of chunks(group, 512)) {
        const ids = part.map((s) => s.bunch.id);
        const started = await trx.executeQuery<{ id: number }>(setWhereIdIn(trx, 'bunch_runs', { status: 'RUNNING', started_at: at }, ids, READY_ONLY));
        const found = new Set(started.rows.map((r) => Number(r.id)));
        for (const id of ids) if (!found.has(id)) withdrawn.add(id);
        await trx.executeQuery(setWhereIdIn(trx, 'task_runs', { status: 'RUNNING', started_at: at }, part.map((s) => s.task.id)));
      }
    }
  });
  return withdrawn;
}

const READY_ONLY = { status: 'READY', returning: 'id' } as const;

/** Writes a batch (without its starts) in one transaction; its bunch runs become `nodeId`'s. */
export async function writeBatch(
  db: Kysely<Tables>,
  batch: Batch,
  chunks: ReadonlyArray<LogChunk>,
  counters: ReadonlyArray<LogCounters>,
  nodeId: string | null,
  guard: WriteGuard | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await guard?.(trx);
    await writeBatchIn(trx, batch, chunks, counters, nodeId);
  });
}

/** Runs first in each transaction that writes run states; throws to refuse the write (a fenced node). */
export type WriteGuard = (trx: Transaction<Tables>) => Promise<void>;

/** Writes a batch (without its starts) inside a transaction under way. */
export async function writeBatchIn(
  trx: Transaction<Tables>,
  batch: Batch,
  chunks: ReadonlyArray<LogChunk>,
  counters: ReadonlyArray<LogCounters>,
  nodeId: string | null,
): Promise<void> {
  const nextFires = [...batch.nextFires.values()];
  const ended = nextFires.filter((c) => c.ended !== null);
  {
    await writeRows(
      trx,
      (rows) => insertRows(trx, 'bunch_runs', BUNCH_RUN_COLUMNS, rows, BUNCH_RUN_UPSERT),
      [...batch.bunchRuns.values()].map((r) => bunchRunRow(r, nodeId)),
    );
    await writeRows(trx, (rows) => insertRows(trx, 'task_runs', TASK_RUN_COLUMNS, rows, TASK_RUN_UPSERT), [...batch.taskRuns.values()].map(taskRunRow));
    if (batch.deletedBunchRuns.size > 0) {
      await trx.deleteFrom('bunch_runs').where('id', 'in', [...batch.deletedBunchRuns]).execute();
    }
    await writeRows(
      trx,
      (rows) => insertRows(trx, 'log_chunks', LOG_CHUNK_COLUMNS, rows),
      chunks.map((c) => [c.taskRunId, c.stream, c.offset, c.writtenAt, c.data]),
      16,
    );
    await writeRows(
      trx,
      (rows) => updateRows(trx, 'task_runs', COUNTER_COLUMNS, rows),
      counters.map((c) => [c.taskRunId, c.stdoutBytes, c.stderrBytes, c.stdoutDropped, c.stderrDropped]),
    );
    await writeRows(trx, (rows) => updateRows(trx, 'schedules', NEXT_FIRE_COLUMNS, rows), nextFires.map((c) => [c.scheduleId, c.nextFireAt]));
    await writeRows(trx, (rows) => updateRows(trx, 'schedules', ENDED_COLUMNS, rows), ended.map((c) => [c.scheduleId, c.ended?.at, c.ended?.reason]));
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
  'node_id',
] as const;
const BUNCH_RUN_UPSERT = {
  key: 'id',
  update: ['trigger', 'status', 'status_reason', 'started_at', 'ended_at', 'fire_count', 'last_fire_at', 'node_id'],
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

function bunchRunRow(r: BunchRunRecord, nodeId: string | null): unknown[] {
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
    r.handedTo ?? nodeId,
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
