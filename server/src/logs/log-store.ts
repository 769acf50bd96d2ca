import type { TaskOutput } from '../runner/task.js';

/** 0 for stdout, 1 for stderr, as stored. */
export type StreamCode = 0 | 1;
export const STREAM_CODE: Readonly<Record<'stdout' | 'stderr', StreamCode>> = { stdout: 0, stderr: 1 };

/** A piece of output ready to be stored. */
export interface LogChunk {
  readonly taskRunId: number;
  readonly stream: StreamCode;
  readonly offset: number;
  readonly writtenAt: number;
  readonly data: Buffer;
}

/** Byte counters of one task run, as stored on its row. */
export interface LogCounters {
  readonly taskRunId: number;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
  readonly stdoutDropped: number;
  readonly stderrDropped: number;
}

interface StreamState {
  stored: number;
  inFlight: number;
  dropped: number;
  pending: Buffer[];
  pendingBytes: number;
  firstPendingAt: number;
}

interface RunLog {
  readonly taskRunId: number;
  readonly cap: number;
  readonly streams: [StreamState, StreamState];
  closed: boolean;
  changed: boolean;
}

/** Largest chunk stored as one row: readers fetch whole chunks, so they stay modest. */
const MAX_CHUNK_BYTES = 1024 * 1024;

/**
 * Output of running tasks on its way into the database. Writers append; the recorder drains what is pending
 * into its next transaction and reports back whether it was stored. Offsets are assigned when a chunk is
 * drained, so a chunk that could not be stored (a full disk) leaves no hole: its bytes are counted as dropped.
 * A run keeps at most `cap` bytes of output, both streams together; the rest is dropped and counted.
 */
export class LogStore {
  readonly #runs = new Map<number, RunLog>();
  readonly #now: () => number;
  #onPending: () => void = () => undefined;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Called when output is waiting to be stored, so the recorder schedules a batch. */
  set onPending(callback: () => void) {
    this.#onPending = callback;
  }

  /** Starts collecting the output of a task run. */
  open(taskRunId: number, capBytes: number): TaskOutput & { close(): void } {
    const log: RunLog = {
      taskRunId,
      cap: capBytes,
      streams: [emptyStream(), emptyStream()],
      closed: false,
      changed: false,
    };
    this.#runs.set(taskRunId, log);
    return {
      write: (stream, data) => this.#append(log, STREAM_CODE[stream], data),
      close: () => {
        log.closed = true;
        this.#onPending();
      },
    };
  }

  /** Takes every pending chunk (and the counters that change with them) for the next transaction. */
  drain(): { chunks: LogChunk[]; counters: LogCounters[] } {
    const chunks: LogChunk[] = [];
    const counters: LogCounters[] = [];
    for (const log of this.#runs.values()) {
      if (!log.changed) continue;
      log.changed = false;
      log.streams.forEach((state, code) => {
        if (state.pendingBytes === 0) return;
        const data = Buffer.concat(state.pending, state.pendingBytes);
        let offset = state.stored + state.inFlight;
        for (let start = 0; start < data.length; start += MAX_CHUNK_BYTES) {
          const piece = data.subarray(start, start + MAX_CHUNK_BYTES);
          chunks.push({ taskRunId: log.taskRunId, stream: code as StreamCode, offset, writtenAt: state.firstPendingAt, data: piece });
          offset += piece.length;
        }
        state.inFlight += data.length;
        state.pending = [];
        state.pendingBytes = 0;
      });
      counters.push(this.#counters(log, true));
    }
    return { chunks, counters };
  }

  /** The drained chunks were committed. */
  stored(chunks: ReadonlyArray<LogChunk>): void {
    for (const chunk of chunks) {
      const log = this.#runs.get(chunk.taskRunId);
      if (!log) continue;
      const state = log.streams[chunk.stream];
      state.inFlight -= chunk.data.length;
      state.stored += chunk.data.length;
    }
    this.#forgetClosed();
  }

  /**
   * The drained chunks could not be stored: their bytes are dropped and counted, and the counters to write
   * instead are returned.
   */
  lost(chunks: ReadonlyArray<LogChunk>): LogCounters[] {
    const touched = new Set<RunLog>();
    for (const chunk of chunks) {
      const log = this.#runs.get(chunk.taskRunId);
      if (!log) continue;
      const state = log.streams[chunk.stream];
      state.inFlight -= chunk.data.length;
      state.dropped += chunk.data.length;
      touched.add(log);
    }
    const counters = [...touched].map((log) => this.#counters(log, false));
    this.#forgetClosed();
    return counters;
  }

  #append(log: RunLog, code: StreamCode, data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (bytes.length === 0 || log.closed) return;
    const state = log.streams[code];
    const [out, err] = log.streams;
    const room = log.cap - (heldBytes(out) + heldBytes(err));
    const kept = room >= bytes.length ? bytes : bytes.subarray(0, Math.max(0, room));
    state.dropped += bytes.length - kept.length;
    if (kept.length > 0) {
      // Copy: the caller (a stream) may reuse its buffer.
      if (state.pendingBytes === 0) state.firstPendingAt = this.#now();
      state.pending.push(Buffer.from(kept));
      state.pendingBytes += kept.length;
    }
    log.changed = true;
    this.#onPending();
  }

  #counters(log: RunLog, includeInFlight: boolean): LogCounters {
    const [out, err] = log.streams;
    const size = (s: StreamState) => s.stored + (includeInFlight ? s.inFlight : 0);
    return {
      taskRunId: log.taskRunId,
      stdoutBytes: size(out),
      stderrBytes: size(err),
      stdoutDropped: out.dropped,
      stderrDropped: err.dropped,
    };
  }

  #forgetClosed(): void {
    for (const [id, log] of this.#runs) {
      if (log.closed && !log.changed && log.streams.every((s) => s.inFlight === 0 && s.pendingBytes === 0)) {
        this.#runs.delete(id);
      }
    }
  }
}

/** Bytes a stream holds, stored or on their way. */
function heldBytes(state: StreamState): number {
  return state.stored + state.inFlight + state.pendingBytes;
}

function emptyStream(): StreamState {
  return { stored: 0, inFlight: 0, dropped: 0, pending: [], pendingBytes: 0, firstPendingAt: 0 };
}
