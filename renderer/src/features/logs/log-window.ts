import { splitEarlier, splitForward } from './line-splitter';
import { cutHeadLength, cutTailLength, decodeUtf8 } from './utf8-bytes';

/**
 * The loaded part of one log stream: a contiguous byte range `[startOffset, endOffset)` cut into rows. A log
 * of any size opens by its tail; reads forward (following) and backward ("load earlier") extend the range.
 * Reads are exact bytes, decoded here: the range's edges stay on character boundaries, so its offsets are
 * exact. Rows are raw lines (escape sequences and `\r` kept) held in blocks, so adding a read copies one small
 * block, never the whole log. Immutable: each read gives a new window.
 */
export interface LogWindow {
  readonly startOffset: number;
  /** Where the next forward read starts. */
  readonly endOffset: number;
  /** The first row starts before `startOffset`: only its end is loaded. */
  readonly headPartial: boolean;
  /**
   * Continuation bytes opening the range: the end of a character cut by its first read (0–3). Each shows as
   * one U+FFFD opening the first row, until the bytes before are loaded.
   */
  readonly headCut: number;
  /** Whole lines (ended by `\n`). */
  readonly blocks: ReadonlyArray<ReadonlyArray<string>>;
  /** Rows before the end of each block. */
  readonly ends: ReadonlyArray<number>;
  /** The text after the last `\n`: shown as the last row while it is not empty. */
  readonly pending: string;
  /** 1-based line number of the first row in the whole stream, once known. */
  readonly firstLine?: number;
  /** Length of the longest row (for the list's width). */
  readonly widest: number;
}

/** What a read answered: the exact bytes of the stream from `offset`. */
export interface ReadSlice {
  readonly offset: number;
  readonly data: Uint8Array;
  /** The read reached the end of a stream that will not grow: keep a cut character as it is. */
  readonly final?: boolean;
}

/** Blocks smaller than this are merged with the lines added next to them. */
const BLOCK_LINES = 4096;

const EMPTY: Omit<LogWindow, 'startOffset' | 'endOffset' | 'headPartial' | 'headCut'> = { blocks: [], ends: [], pending: '', widest: 0 };

/** A window from one read (a tail, or a read placed at a known line: then `firstLine` is that line's number). */
export function windowFromRead(slice: ReadSlice, firstLine?: number): LogWindow {
  const start = { startOffset: slice.offset, endOffset: slice.offset, headPartial: slice.offset > 0 && firstLine === undefined, headCut: slice.offset > 0 ? cutHeadLength(slice.data) : 0 };
  const base: LogWindow = { ...EMPTY, ...start, ...(slice.offset === 0 ? { firstLine: 1 } : firstLine === undefined ? {} : { firstLine }) };
  return appendRead(base, slice);
}

/** The window after a forward read from its end; a read from elsewhere (a stale answer) changes nothing. */
export function appendRead(window: LogWindow, slice: ReadSlice): LogWindow {
  if (slice.offset !== window.endOffset) return window;
  // A character cut by the read's end is read whole by the next read, which starts at its first byte.
  const bytes = slice.final ? slice.data.length : slice.data.length - cutTailLength(slice.data);
  if (bytes === 0) return window;
  const text = decodeUtf8(slice.data.subarray(0, bytes));
  const { lines, pending } = splitForward(window.pending, text);
  const grown = lines.length === 0 ? window : withLines(window, lines, 'end');
  return { ...grown, pending, endOffset: slice.offset + bytes, widest: Math.max(grown.widest, pending.length) };
}

/**
 * The window after reading the bytes just before it: `slice` covers `[offset, startOffset + headCut)` (see
 * `earlierRange`). The head row is joined with the end of the read.
 */
export function prependRead(window: LogWindow, slice: ReadSlice): LogWindow {
  if (slice.offset + slice.data.length !== window.startOffset + window.headCut || slice.offset >= window.startOffset) return window;
  const rowsBefore = rowCount(window);
  const fromStart = slice.offset === 0;
  const headIsPending = window.blocks.length === 0;
  const headRow = (headIsPending ? window.pending : rowAt(window, 0)).slice(window.headCut);
  const { fragment, lines } = splitEarlier(decodeUtf8(slice.data), headRow, fromStart);
  const rows = fragment === undefined ? lines : [fragment, ...lines];
  let next: LogWindow;
  if (headIsPending) {
    // No whole line was loaded: the joined text's last row is still the unfinished line.
    const whole = rows.slice(0, -1);
    const pending = rows[rows.length - 1] ?? '';
    next = withLines({ ...window, blocks: [], ends: [], pending, widest: Math.max(window.widest, pending.length) }, whole, 'start');
  } else {
    next = withLines(dropFirstRow(window), rows, 'start');
  }
  const added = rowCount(next) - rowsBefore;
  const firstLine = fromStart ? 1 : window.firstLine === undefined ? undefined : window.firstLine - added;
  return {
    ...next,
    startOffset: slice.offset,
    headPartial: !fromStart,
    headCut: fromStart ? 0 : cutHeadLength(slice.data),
    ...(firstLine === undefined ? {} : { firstLine }),
  };
}

/** The byte range to read for "load earlier": about `bytes` before the window, ending after a cut character. */
export function earlierRange(window: LogWindow, bytes: number): { readonly offset: number; readonly length: number } {
  const offset = Math.max(0, window.startOffset - bytes);
  return { offset, length: window.startOffset + window.headCut - offset };
}

/** Rows shown: whole lines, then the unfinished one. */
export function rowCount(window: LogWindow): number {
  return (window.ends[window.ends.length - 1] ?? 0) + (window.pending === '' ? 0 : 1);
}

/** The raw text of row `index` (0-based). */
export function rowAt(window: LogWindow, index: number): string {
  const lines = window.ends[window.ends.length - 1] ?? 0;
  if (index >= lines) return index === lines ? window.pending : '';
  let low = 0;
  let high = window.ends.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((window.ends[mid] ?? 0) > index) high = mid;
    else low = mid + 1;
  }
  const blockStart = low === 0 ? 0 : (window.ends[low - 1] ?? 0);
  return window.blocks[low]?.[index - blockStart] ?? '';
}

/** The window with its line numbers known from a line whose number was found (row `index` is line `line`). */
export function withFirstLine(window: LogWindow, index: number, line: number): LogWindow {
  return { ...window, firstLine: line - index };
}

function withLines(window: LogWindow, lines: ReadonlyArray<string>, where: 'start' | 'end'): LogWindow {
  let widest = window.widest;
  for (const line of lines) if (line.length > widest) widest = line.length;
  const blocks = [...window.blocks];
  if (where === 'end') {
    const last = blocks[blocks.length - 1];
    if (last && last.length < BLOCK_LINES) blocks[blocks.length - 1] = [...last, ...lines];
    else blocks.push(lines);
  } else {
    const first = blocks[0];
    if (first && first.length < BLOCK_LINES) blocks[0] = [...lines, ...first];
    else blocks.unshift(lines);
  }
  return { ...window, blocks, ends: endsOf(blocks), widest };
}

function dropFirstRow(window: LogWindow): LogWindow {
  const [first, ...rest] = window.blocks;
  const blocks = first && first.length > 1 ? [first.slice(1), ...rest] : rest;
  return { ...window, blocks, ends: endsOf(blocks) };
}

function endsOf(blocks: ReadonlyArray<ReadonlyArray<string>>): number[] {
  const ends: number[] = [];
  let total = 0;
  for (const block of blocks) ends.push((total += block.length));
  return ends;
}
