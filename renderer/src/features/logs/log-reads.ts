import type { LogSlice } from '@taskomatic/shared';
import { desktopApi } from '../../api';
import type { ReadSlice } from './log-window';
import type { SearchQuery } from './search-match';
import { restoreEscapes } from './wire-text';

/** The two output streams of a task run; the server stores them apart. */
export type LogStream = 'stdout' | 'stderr';

/** One stream of one task run on one satellite. */
export interface StreamRef {
  readonly satelliteId: string;
  readonly runId: number;
  readonly stream: LogStream;
}

/** A read (the exact bytes), with what the server said about the whole stream. */
export interface StreamRead extends ReadSlice {
  /** Bytes stored so far. */
  readonly size: number;
  /** Bytes not stored: past the per-run cap, or lost to a write error. */
  readonly dropped: number;
  /** The run has ended: the stream will not grow. */
  readonly complete: boolean;
}

/** A matching line found by the satellite. */
export interface ServerMatch {
  readonly line: number;
  readonly offset: number;
  readonly text: string;
}

export interface ServerSearch {
  readonly matches: ReadonlyArray<ServerMatch>;
  readonly total: number;
  readonly capped: boolean;
}

/** Most bytes asked for in one read: the API's own limit (4 MiB). */
export const MAX_READ_BYTES = 4 * 1024 * 1024;
/** Most matches the API lists in one search. */
export const MAX_SEARCH_MATCHES = 10_000;

/**
 * Reads ask for the exact bytes (`encoding: 'base64'`): as text, ESC (colour codes), the other control
 * characters XML cannot carry and bytes that are not UTF-8 would all arrive as U+FFFD, and byte offsets could
 * not be told from the text. The log window decodes them, on character boundaries.
 */
function toRead(slice: LogSlice): StreamRead {
  if (slice.dataBase64 === undefined) throw new Error('The satellite answered a log read without its bytes');
  return {
    offset: slice.offset,
    data: slice.dataBase64,
    size: slice.size,
    dropped: slice.droppedBytes,
    complete: slice.complete,
    final: slice.complete && slice.offset + slice.bytes >= slice.size,
  };
}

/** The last `bytes` of a stream. */
export async function readTail(ref: StreamRef, bytes: number): Promise<StreamRead> {
  return toRead(await desktopApi().call(ref.satelliteId, 'logs.tail', { runId: ref.runId, stream: ref.stream, bytes, encoding: 'base64' }));
}

/** `length` bytes of a stream from `offset` (fewer at its end). */
export async function readRange(ref: StreamRef, offset: number, length: number): Promise<StreamRead> {
  const request = { runId: ref.runId, stream: ref.stream, offset, length: Math.min(length, MAX_READ_BYTES), encoding: 'base64' } as const;
  return toRead(await desktopApi().call(ref.satelliteId, 'logs.read', request));
}

/**
 * Searches the whole stream on the satellite (RE2 for regular expressions). Each match's line comes as text
 * (logs.search has no base64): its escape sequences are put back to show its colours (see `restoreEscapes`).
 */
export async function searchOnServer(ref: StreamRef, query: SearchQuery, limit = MAX_SEARCH_MATCHES): Promise<ServerSearch> {
  const result = await desktopApi().call(ref.satelliteId, 'logs.search', {
    runId: ref.runId,
    stream: ref.stream,
    query: query.text,
    regex: query.regex,
    caseSensitive: query.caseSensitive,
    limit,
  });
  return { matches: result.matches.map((match) => ({ ...match, text: restoreEscapes(match.text) })), total: result.total, capped: result.capped };
}

/** The key of a stream in the logs store. */
export function keyOf(ref: StreamRef): string {
  return `${ref.satelliteId}/${ref.runId}/${ref.stream}`;
}
