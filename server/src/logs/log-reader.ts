import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import { STREAM_CODE } from './log-store.js';

/** A piece of a stored log. */
export interface LogSlice {
  /** Byte offset of `data` in the stream. */
  readonly offset: number;
  readonly data: Buffer;
  /** Bytes stored in the stream so far (it grows while the run goes on). */
  readonly size: number;
  /** Bytes dropped past the per-run cap, or lost to a write error. */
  readonly dropped: number;
  /** True when the run has ended: the log will not grow any more. */
  readonly complete: boolean;
}

/** Error for a task run that does not exist. */
export class LogNotFoundError extends Error {
  constructor(taskRunId: number) {
    super(`Run ${taskRunId} does not exist`);
    this.name = 'LogNotFoundError';
  }
}

/**
 * Reads up to `length` bytes of a stream from `offset`, while the run goes on or after it ended. Reads touch
 * only the chunks that hold the range (found through the primary key), so reading the end of a huge log
 * costs the same as reading the end of a small one. An offset past the end returns no data.
 */
export async function readLog(
  db: Kysely<Tables>,
  taskRunId: number,
  stream: 'stdout' | 'stderr',
  offset: number,
  length: number,
): Promise<LogSlice> {
  const run = await db
    .selectFrom('task_runs')
    .select(['stdout_bytes', 'stderr_bytes', 'stdout_dropped', 'stderr_dropped', 'ended_at'])
    .where('id', '=', taskRunId)
    .executeTakeFirst();
  if (!run) throw new LogNotFoundError(taskRunId);
  const size = Number(stream === 'stdout' ? run.stdout_bytes : run.stderr_bytes);
  const dropped = Number(stream === 'stdout' ? run.stdout_dropped : run.stderr_dropped);
  const start = Math.max(0, Math.min(offset, size));
  const end = Math.min(size, start + Math.max(0, length));
  const slice = { size, dropped, complete: run.ended_at !== null };
  if (end <= start) return { ...slice, offset: start, data: Buffer.alloc(0) };
  const code = STREAM_CODE[stream];
  // The chunk holding `start` begins at or before it; the rest begin inside the range.
  const first = await db
    .selectFrom('log_chunks')
    .select('offset')
    .where('task_run_id', '=', taskRunId)
    .where('stream', '=', code)
    .where('offset', '<=', start)
    .orderBy('offset', 'desc')
    .limit(1)
    .executeTakeFirst();
  const chunks = await db
    .selectFrom('log_chunks')
    .select(['offset', 'data'])
    .where('task_run_id', '=', taskRunId)
    .where('stream', '=', code)
    .where('offset', '>=', Number(first?.offset ?? start))
    .where('offset', '<', end)
    .orderBy('offset')
    .execute();
  const parts: Buffer[] = [];
  for (const chunk of chunks) {
    const chunkStart = Number(chunk.offset);
    const data = Buffer.from(chunk.data);
    const from = Math.max(0, start - chunkStart);
    const to = Math.min(data.length, end - chunkStart);
    if (to > from) parts.push(data.subarray(from, to));
  }
  return { ...slice, offset: start, data: Buffer.concat(parts) };
}

/** The last `bytes` bytes of a stream (the whole stream when `bytes` is negative, as Spacewalk's API has it). */
export async function tailLog(
  db: Kysely<Tables>,
  taskRunId: number,
  stream: 'stdout' | 'stderr',
  bytes: number,
): Promise<LogSlice> {
  const head = await readLog(db, taskRunId, stream, Number.MAX_SAFE_INTEGER, 0);
  const length = bytes < 0 ? head.size : Math.min(bytes, head.size);
  return readLog(db, taskRunId, stream, head.size - length, length);
}
