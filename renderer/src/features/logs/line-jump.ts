import { type StreamDoc, useLogsStore } from '../../stores/logs-store';
import { keyOf, MAX_SEARCH_MATCHES, searchOnServer, type StreamRef } from './log-reads';
import { rowCount } from './log-window';
import { looksLikeError } from './search-match';

/** Most "load earlier" reads made to reach a line (a page of `PAGE_BYTES` each). */
const MAX_EARLIER_READS = 64;

function holds(doc: StreamDoc | undefined, line: number): boolean {
  const window = doc?.window;
  return window?.firstLine !== undefined && line >= window.firstLine && line < window.firstLine + rowCount(window);
}

function docOf(ref: StreamRef): StreamDoc | undefined {
  return useLogsStore.getState().docs[keyOf(ref)];
}

/**
 * Loads the part of a stream that holds a line given by number only (a line link). The satellite's search
 * lists the first 10,000 lines with their offsets (an empty query matches every line), so those are read
 * directly; a later line is reached by loading earlier from the tail. Returns false when it cannot be reached.
 */
export async function loadLine(ref: StreamRef, line: number): Promise<boolean> {
  if (holds(docOf(ref), line)) return true;
  const store = useLogsStore.getState();
  if (line <= MAX_SEARCH_MATCHES) {
    const every = await searchOnServer(ref, { text: '', caseSensitive: true, regex: false }, line);
    const match = every.matches[line - 1];
    if (!match) return false;
    await store.jumpTo(ref, line, match.offset);
    return holds(docOf(ref), line);
  }
  for (let reads = 0; reads < MAX_EARLIER_READS; reads++) {
    const doc = docOf(ref);
    if (holds(doc, line)) return true;
    const first = doc?.window?.firstLine;
    if (!doc?.window || first === undefined || line > first || doc.window.startOffset === 0) return false;
    await store.loadEarlier(ref);
  }
  return holds(docOf(ref), line);
}

/**
 * The next line that looks like an error after `afterLine`, searched on the satellite (the loaded part is
 * searched first by the caller). Wraps to the first one; undefined when there is none. One plain-text search
 * per word, not one regular expression: the satellite's RE2 takes seconds per 10 MB, a plain search a tenth of
 * that; each match is then checked as a whole word here.
 */
export async function nextErrorOnServer(ref: StreamRef, afterLine: number): Promise<{ line: number; offset: number; wrapped: boolean } | undefined> {
  const answers = await Promise.all(ERROR_SEARCH_WORDS.map((text) => searchOnServer(ref, { text, caseSensitive: false, regex: false })));
  const matches = answers
    .flatMap((answer) => answer.matches)
    .filter((match) => looksLikeError(match.text))
    .sort((a, b) => a.line - b.line);
  const next = matches.find((match) => match.line > afterLine);
  if (next) return { line: next.line, offset: next.offset, wrapped: false };
  const first = matches[0];
  return first ? { line: first.line, offset: first.offset, wrapped: true } : undefined;
}

/** Words searched for on the satellite; they cover every word of ERROR_WORDS (`fail` finds failed and failure). */
const ERROR_SEARCH_WORDS = ['error', 'fatal', 'fail', 'exception', 'traceback', 'panic', 'denied'] as const;
