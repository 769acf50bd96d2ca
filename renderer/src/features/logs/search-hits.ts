import type { LogStream } from './log-reads';
import { formatCount } from './format-count';

/** A stream's matching lines: searched in the loaded part (the whole log is loaded) or on the satellite. */
export interface StreamHits {
  readonly stream: LogStream;
  readonly source: 'loaded' | 'satellite';
  /** Line numbers, ascending. */
  readonly lines: ReadonlyArray<number>;
  /** From the satellite: each line's byte offset and raw text (for lines not loaded). */
  readonly offsets?: ReadonlyArray<number>;
  readonly texts?: ReadonlyArray<string>;
  /** Matching lines in the stream (more than listed when capped). */
  readonly total: number;
  readonly capped: boolean;
}

/** One match of the combined list (the shown streams, stdout first). */
export interface Hit {
  readonly stream: LogStream;
  readonly line: number;
  readonly offset?: number;
}

/** Matches listed across streams. */
export function listedCount(all: ReadonlyArray<StreamHits>): number {
  return all.reduce((sum, hits) => sum + hits.lines.length, 0);
}

/** The match at a position of the combined list. */
export function hitAt(all: ReadonlyArray<StreamHits>, index: number): Hit | undefined {
  let rest = index;
  for (const hits of all) {
    if (rest < hits.lines.length) {
      const line = hits.lines[rest];
      if (line === undefined) return undefined;
      const offset = hits.offsets?.[rest];
      return offset === undefined ? { stream: hits.stream, line } : { stream: hits.stream, line, offset };
    }
    rest -= hits.lines.length;
  }
  return undefined;
}

/** Position of a stream's line in the combined list, or -1. */
export function indexOfHit(all: ReadonlyArray<StreamHits>, stream: LogStream, line: number): number {
  let before = 0;
  for (const hits of all) {
    if (hits.stream === stream) {
      const at = binarySearch(hits.lines, line);
      return hits.lines[at] === line ? before + at : -1;
    }
    before += hits.lines.length;
  }
  return -1;
}

/** The first match at or after a line of a stream (where the reader is), else the first match. */
export function firstHitFrom(all: ReadonlyArray<StreamHits>, stream: LogStream, line: number | undefined): number {
  if (listedCount(all) === 0) return -1;
  let before = 0;
  for (const hits of all) {
    if (hits.stream === stream && line !== undefined) {
      const at = binarySearch(hits.lines, line);
      if (at < hits.lines.length) return before + at;
    }
    before += hits.lines.length;
  }
  return 0;
}

/** The next (or previous) position, wrapping around. */
export function stepHit(index: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (index < 0) return direction === 1 ? 0 : count - 1;
  return (index + direction + count) % count;
}

/** "3 of 42", "3 of 12,345 (first 10,000 listed)", or what is going on. */
export function countLabel(all: ReadonlyArray<StreamHits>, index: number): string {
  const total = all.reduce((sum, hits) => sum + hits.total, 0);
  if (total === 0) return 'No matches';
  const listed = listedCount(all);
  const position = index >= 0 ? `${formatCount(index + 1)} of ${formatCount(total)}` : `${formatCount(total)} matches`;
  return listed < total ? `${position} (first ${formatCount(listed)} listed)` : position;
}

/** Index of the first element >= value in an ascending list. */
function binarySearch(list: ReadonlyArray<number>, value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((list[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
