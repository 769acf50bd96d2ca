/** Text read forward, cut into whole lines, with the unfinished last line kept for the next read. */
export interface ForwardLines {
  /** Lines ended by `\n` (without it), raw: carriage returns and escape sequences kept. */
  readonly lines: ReadonlyArray<string>;
  /** The text after the last `\n`: a line still being written (or cut by the read). */
  readonly pending: string;
}

/**
 * Adds text read forward to the unfinished line of the previous read. A line may span any number of reads,
 * and a `\r\n` may be split between two (the `\r` stays with its line until the `\n` comes).
 */
export function splitForward(pending: string, data: string): ForwardLines {
  const text = pending + data;
  const last = text.lastIndexOf('\n');
  if (last === -1) return { lines: [], pending: text };
  return { lines: text.slice(0, last).split('\n'), pending: text.slice(last + 1) };
}

/** Text read before the loaded part, cut into lines. */
export interface EarlierLines {
  /** The text before the first `\n` when the read did not start at the start of the log: the end of an
   *  earlier line, to be joined with the next earlier read (absent when the read started at offset 0). */
  readonly fragment?: string;
  /** Whole lines, the last one joined with the loaded part's first line fragment. */
  readonly lines: ReadonlyArray<string>;
}

/**
 * Cuts text read just before the loaded part. It ends where the loaded part starts, which may be mid-line:
 * `headFragment` (the loaded part's first, partial line) is joined to its last line. With `fromStart`, the read
 * began at offset 0 so its first line is whole.
 */
export function splitEarlier(data: string, headFragment: string, fromStart: boolean): EarlierLines {
  const text = data + headFragment;
  const parts = text.split('\n');
  if (fromStart) return { lines: parts };
  if (parts.length === 1) return { fragment: text, lines: [] };
  return { fragment: parts[0] ?? '', lines: parts.slice(1) };
}
