import { plainText } from './ansi';
import { collapseCarriageReturns } from './line-text';
import { type LogWindow, rowAt, rowCount } from './log-window';

/** What the search box asks for. */
export interface SearchQuery {
  readonly text: string;
  readonly caseSensitive: boolean;
  readonly regex: boolean;
}

/** Finds the occurrences of a query in a line's shown text, for highlighting. */
export type Highlighter = (text: string) => ReadonlyArray<readonly [start: number, end: number]>;

/** Most occurrences highlighted in one line. */
const MAX_RANGES = 200;

/** The text a line shows (what the user reads, and what a search in the loaded part matches). */
export function shownText(raw: string): string {
  if (!raw.includes('\u001b') && !raw.includes('\r')) return raw;
  return plainText(collapseCarriageReturns(raw).text);
}

/**
 * A plain-text matcher (the search box without "regex"), used on the loaded part of a log. Regular
 * expressions run on the satellite only (RE2: linear time); JavaScript's engine can backtrack for minutes on a
 * pattern like `(a+)+$` and would freeze the window.
 */
export function textMatcher(query: SearchQuery): ((line: string) => boolean) | undefined {
  if (query.text === '' || query.regex) return undefined;
  if (query.caseSensitive) return (line) => line.includes(query.text);
  const needle = query.text.toLowerCase();
  return (line) => line.toLowerCase().includes(needle);
}

/** Line numbers of the loaded rows whose shown text matches, ascending (the window must know its numbers). */
export function matchingLines(window: LogWindow, test: (line: string) => boolean, fromRow = 0, toRow = rowCount(window)): number[] {
  const first = window.firstLine;
  if (first === undefined) return [];
  const found: number[] = [];
  for (let row = fromRow; row < toRow; row++) if (test(shownText(rowAt(window, row)))) found.push(first + row);
  return found;
}

/** Matches in the loaded part, kept between reads: following a log only searches the lines that came. */
export interface LoadedMatches {
  /** The query and window start they are for. */
  readonly key: string;
  /** Whole lines searched so far (the unfinished last line is searched again each time). */
  readonly scanned: number;
  readonly lines: ReadonlyArray<number>;
}

/** The matches of `window` for `test`, searching only the lines `previous` has not seen. */
export function extendMatches(previous: LoadedMatches | undefined, key: string, window: LogWindow, test: (line: string) => boolean): { readonly kept: LoadedMatches; readonly lines: ReadonlyArray<number> } {
  const whole = window.ends[window.ends.length - 1] ?? 0;
  const base = previous && previous.key === key && previous.scanned <= whole ? previous : { key, scanned: 0, lines: [] };
  const added = matchingLines(window, test, base.scanned, whole);
  const kept = { key, scanned: whole, lines: added.length > 0 ? [...base.lines, ...added] : base.lines };
  const unfinished = window.pending === '' ? [] : matchingLines(window, test, whole, whole + 1);
  return { kept, lines: unfinished.length > 0 ? [...kept.lines, ...unfinished] : kept.lines };
}

/**
 * The highlighter of a query, or undefined when the query cannot be highlighted safely: a regular expression
 * JavaScript does not accept, or one with a repeated group that itself repeats (the shape that backtracks
 * exponentially). Its lines are still found by the satellite; only the marking of the matched text is left out.
 */
export function highlighterOf(query: SearchQuery): Highlighter | undefined {
  if (query.text === '') return undefined;
  let pattern: RegExp;
  if (query.regex) {
    if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/.test(query.text)) return undefined;
    try {
      pattern = new RegExp(query.text, query.caseSensitive ? 'g' : 'gi');
    } catch {
      return undefined;
    }
  } else {
    pattern = new RegExp(query.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), query.caseSensitive ? 'g' : 'gi');
  }
  return (text) => {
    const ranges: Array<readonly [number, number]> = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match && ranges.length < MAX_RANGES; match = pattern.exec(text)) {
      if (match[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      ranges.push([match.index, match.index + match[0].length]);
    }
    return ranges;
  };
}

/** Lines that look like errors ("Next error"). The satellite is asked for these words too (line-jump.ts). */
const ERROR_TEST = /\b(?:error|errors|fatal|failed|failure|exception|traceback|panic|denied)\b/i;

/** True when a raw line's shown text holds one of the error words as a word. */
export function looksLikeError(raw: string): boolean {
  return ERROR_TEST.test(shownText(raw));
}

/** The first loaded row after `afterRow` whose text looks like an error, or -1. */
export function nextErrorRow(window: LogWindow, afterRow: number): number {
  const rows = rowCount(window);
  for (let row = Math.max(0, afterRow + 1); row < rows; row++) if (looksLikeError(rowAt(window, row))) return row;
  return -1;
}
