import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import { LogNotFoundError, type LogSlice, readLog } from '../logs/log-reader.js';
import { CliError } from './cli-error.js';
import { type DataDirOptions, storeOf } from './data-dir.js';
import { OutputWriter } from './output-writer.js';
import { withReadDatabase } from './read-database.js';

type Stream = 'stdout' | 'stderr';

/** Options of `log`, as the program declares them. */
export interface LogOptions extends DataDirOptions {
  readonly stream: Stream;
  readonly tail?: number;
  readonly follow?: boolean;
}

/** Bytes read per query: a 500 MB log streams through in pieces, never loaded whole. */
const PIECE_BYTES = 1024 * 1024;
/** How often `--follow` looks for new output. */
const POLL_MS = 250;

/**
 * `taskomatic-server log`: the raw bytes of one stream of a task run, whole or its tail, and with `--follow`
 * what comes next until the run ends. Bytes dropped past the log cap are reported on stderr at the end.
 */
export async function logCommand(runId: number, options: LogOptions): Promise<void> {
  const last = await withReadDatabase(storeOf(options), async (database) => {
    const head = await headOf(database.db, runId, options.stream, database.location);
    const start = options.tail === undefined ? 0 : Math.max(0, head.size - options.tail);
    // Without --follow the log is written as it stood when the command began; output arriving meanwhile waits
    // for the next look.
    const end = options.follow ? Infinity : head.size;
    return copyLog(database.db, runId, options.stream, start, end, options.follow ?? false);
  });
  if (last.dropped > 0) {
    process.stderr.write(
      `taskomatic-server: ${last.dropped} bytes of ${options.stream} of run ${runId} are not stored: ` +
        'they went past the log cap (setting log_cap_bytes) or were lost to a write error\n',
    );
  }
}

/** The stream's size and state, or a clear error for a run that does not exist. */
async function headOf(db: Kysely<Tables>, runId: number, stream: Stream, location: string): Promise<LogSlice> {
  try {
    return await readLog(db, runId, stream, Number.MAX_SAFE_INTEGER, 0);
  } catch (error) {
    if (error instanceof LogNotFoundError) {
      throw new CliError(`run ${runId} does not exist in ${location} (\`taskomatic-server runs\` lists the runs)`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Writes bytes `start` to `end` of the stream; with `follow`, goes on polling until the run has ended and
 * every byte is written. Returns the last slice read (its `dropped` counts what the cap left out).
 */
async function copyLog(
  db: Kysely<Tables>,
  runId: number,
  stream: Stream,
  start: number,
  end: number,
  follow: boolean,
): Promise<LogSlice> {
  const output = new OutputWriter();
  let offset = start;
  for (;;) {
    const slice = await readLog(db, runId, stream, offset, Math.min(PIECE_BYTES, end - offset));
    if (slice.data.length > 0) {
      await output.write(slice.data);
      offset += slice.data.length;
      if (output.closed) return slice;
      continue;
    }
    // `complete` comes from the same row as the size: once the run has ended, no byte can follow.
    if (!follow || slice.complete) return slice;
    await sleep(POLL_MS);
  }
}
