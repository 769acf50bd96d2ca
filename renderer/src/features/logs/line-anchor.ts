import { type LogWindow, rowAt, rowCount } from './log-window';
import { utf8Length } from './utf8-bytes';

/**
 * Line numbers of a log opened by its tail. Its first rows' numbers are unknown (the lines before were not
 * read). The satellite's search knows every line's number and byte offset, so searching for the text of one
 * loaded line, and keeping the match at that line's offset, gives its number exactly, while the log grows too.
 */
export interface LineAnchor {
  /** The row whose number is sought. */
  readonly row: number;
  /** Its byte offset in the stream. */
  readonly offset: number;
  /** Text to search for (case-sensitive, not a regex): the start of the line. */
  readonly query: string;
}

/** Rows looked at for a good anchor line. */
const ROWS_TRIED = 400;
/** The API's longest search query. */
const QUERY_MAX = 1000;
/** The satellite matches the first 4096 characters of a line. */
const SEARCHED_CHARS = 4000;

/**
 * The loaded line to search for, among the first loaded rows: the longest piece of a line between escape
 * sequences and control characters (XML cannot carry those in a query), long enough to be rare, preferring
 * pieces with digits (timestamps, counters). Its offset is counted from the window's start; rows past a U+FFFD
 * are not used (that character may stand for 1 to 3 bytes).
 */
export function anchorOf(window: LogWindow): LineAnchor | undefined {
  const rows = Math.min(rowCount(window) - (window.pending === '' ? 0 : 1), ROWS_TRIED);
  let offset = window.startOffset;
  let best: LineAnchor | undefined;
  let bestScore = 0;
  for (let row = 0; row < rows; row++) {
    const text = rowAt(window, row);
    const counted = row === 0 ? text.slice(window.headCut) : text;
    if (counted.includes('\uFFFD')) break;
    const rowStart = offset;
    offset += utf8Length(counted) + (row === 0 ? window.headCut : 0) + 1;
    if (row === 0 && window.headPartial) continue;
    if (text.length > SEARCHED_CHARS) continue;
    const piece = longestPiece(text);
    const score = scoreOf(piece);
    if (score > bestScore) {
      bestScore = score;
      best = { row, offset: rowStart, query: piece.slice(0, QUERY_MAX) };
    }
  }
  return best;
}

/** Escape sequences (CSI) and control characters: what splits a line into searchable pieces. */
const UNSEARCHABLE = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|[\u0000-\u001f\u007f-\u009f]/;

function longestPiece(line: string): string {
  let longest = '';
  for (const piece of line.split(UNSEARCHABLE)) if (piece.length > longest.length) longest = piece;
  return longest;
}

function scoreOf(piece: string): number {
  if (piece.length < 12) return 0;
  return Math.min(piece.length, 200) + (/\d/.test(piece) ? 1000 : 0);
}

/** The window's first line number from the search's matches, when one of them is the anchor line. */
export function firstLineFromMatches(anchor: LineAnchor, matches: ReadonlyArray<{ readonly line: number; readonly offset: number }>): number | undefined {
  const match = matches.find((item) => item.offset === anchor.offset);
  return match === undefined ? undefined : match.line - anchor.row;
}

/**
 * The window's first line number from the number of lines in a log that has ended (a search matching every
 * line counts them), when the window reaches its end.
 */
export function firstLineFromTotal(window: LogWindow, totalLines: number, size: number): number | undefined {
  if (window.endOffset !== size) return undefined;
  const first = totalLines - rowCount(window) + 1;
  return first >= 1 ? first : undefined;
}
