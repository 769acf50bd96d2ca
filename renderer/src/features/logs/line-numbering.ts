import { anchorOf, firstLineFromMatches, firstLineFromTotal } from './line-anchor';
import { type StreamRef, searchOnServer } from './log-reads';
import type { LogWindow } from './log-window';

/**
 * Finds the line number of a window's first row when the window does not start at the start of the log.
 * An ended log that the window reaches the end of: its line count (a search matching every line) gives it.
 * Otherwise, and when that is not enough: a search for one loaded line, kept at that line's byte offset.
 * Returns undefined when neither works (a log of identical lines, still being written): the rows then show
 * no numbers until "load earlier" reaches the start. Each way costs one scan of the log on the satellite.
 */
export async function findFirstLine(ref: StreamRef, window: LogWindow, size: number, complete: boolean): Promise<number | undefined> {
  if (window.firstLine !== undefined) return window.firstLine;
  if (complete && window.endOffset === size) {
    const counted = await searchOnServer(ref, { text: '', caseSensitive: true, regex: false }, 1);
    const first = firstLineFromTotal(window, counted.total, size);
    if (first !== undefined) return first;
  }
  const anchor = anchorOf(window);
  if (!anchor) return undefined;
  const found = await searchOnServer(ref, { text: anchor.query, caseSensitive: true, regex: false });
  return firstLineFromMatches(anchor, found.matches);
}
