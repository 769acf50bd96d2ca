import { MAX_READ_BYTES, readRange, readTail, type StreamRead, type StreamRef } from './log-reads';
import { earlierRange, type LogWindow, prependRead, windowFromRead } from './log-window';

/** A window read anew, with what the read said about the stream. */
export interface LoadedWindow {
  readonly window: LogWindow;
  readonly read: StreamRead;
}

/** The first read: this much of the end of a log (a thousand lines or so), so the first lines show at once whatever its size. */
export const TAIL_BYTES = 128 * 1024;
/** What "load earlier" and "load later" read. */
export const PAGE_BYTES = MAX_READ_BYTES;
/** Lines above a line jumped to, read so that the line does not open the view. */
const CONTEXT_BYTES = 16 * 1024;

/** The end of a stream. */
export async function loadTail(ref: StreamRef): Promise<LoadedWindow> {
  const read = await readTail(ref, TAIL_BYTES);
  return { window: windowFromRead(read), read };
}

/** A page of the stream from a line whose number and byte offset are known (a search match), a few lines above it too. */
export async function loadAt(ref: StreamRef, line: number, offset: number): Promise<LoadedWindow> {
  const read = await readRange(ref, offset, PAGE_BYTES);
  const window = windowFromRead(read, line);
  if (offset === 0) return { window, read };
  return { window: prependRead(window, await readEarlier(ref, window, CONTEXT_BYTES)), read };
}

/** About `bytes` just before the window (at most one read: the read ends up to 3 bytes after the window start, a character cut by it). */
export function readEarlier(ref: StreamRef, window: LogWindow, bytes = PAGE_BYTES): Promise<StreamRead> {
  const range = earlierRange(window, Math.min(bytes, MAX_READ_BYTES - 3));
  return readRange(ref, range.offset, range.length);
}
