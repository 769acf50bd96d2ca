import { errorInfoOf } from '@taskomatic/shared/ipc';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StreamDoc } from '../../stores/logs-store';
import { keyOf, type LogStream, searchOnServer, type StreamRef } from './log-reads';
import { countLabel, firstHitFrom, type Hit, hitAt, indexOfHit, listedCount, type StreamHits, stepHit } from './search-hits';
import { extendMatches, type Highlighter, highlighterOf, type LoadedMatches, type SearchQuery, textMatcher } from './search-match';

/** A shown stream, as the search needs it. */
export interface SearchedStream {
  readonly ref: StreamRef;
  readonly doc: StreamDoc;
}

export interface LogSearch {
  readonly query: SearchQuery;
  setQuery(query: SearchQuery): void;
  readonly status: 'idle' | 'searching' | 'ready' | 'error';
  readonly error?: string;
  readonly hits: ReadonlyArray<StreamHits>;
  readonly current?: Hit;
  /** "3 of 42" */
  readonly label: string;
  /** The satellite's answer is older than the log (it grew since): search again for the new lines. */
  readonly stale: boolean;
  readonly highlighter?: Highlighter;
  go(direction: 1 | -1): void;
  refresh(): void;
}

const DEBOUNCE_MS = 350;
const EMPTY: SearchQuery = { text: '', caseSensitive: false, regex: false };

/** True when the whole stream is loaded: a plain-text search runs on it here, instantly and as it grows. */
function wholeLoaded(doc: StreamDoc): boolean {
  return doc.window !== undefined && doc.window.startOffset === 0 && doc.window.endOffset >= doc.size;
}

/**
 * The search of the log viewer, over the shown streams. Plain text is searched in the loaded lines when a
 * stream is loaded whole (what the user reads: colour codes left out); otherwise, and for regular expressions
 * (RE2 there, never a backtracking engine here), the satellite searches the whole stream. `from` tells where the
 * reader is, so that the first match shown is the next one down from there.
 */
export function useLogSearch(streams: ReadonlyArray<SearchedStream>, from: () => { stream: LogStream; line?: number }): LogSearch {
  const [query, setQuery] = useState<SearchQuery>(EMPTY);
  const [settled, setSettled] = useState<SearchQuery>(EMPTY);
  const [remote, setRemote] = useState<Readonly<Record<string, { hits: StreamHits; size: number; query: SearchQuery }>>>({});
  const [status, setStatus] = useState<LogSearch['status']>('idle');
  const [error, setError] = useState<string>();
  const [current, setCurrent] = useState<Hit>();
  const [refreshes, setRefreshes] = useState(0);
  const loadedCache = useRef(new Map<string, LoadedMatches>());
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    const timer = setTimeout(() => setSettled(query), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  // Searched once typing pauses: a whole 50 MB log is some 600,000 lines.
  const test = useMemo(() => textMatcher(settled), [settled]);
  const settledKey = JSON.stringify(settled);
  const local = useMemo(() => {
    const found: Record<string, StreamHits> = {};
    if (!test) return found;
    for (const { ref, doc } of streams) {
      if (!doc.window || !wholeLoaded(doc)) continue;
      const key = keyOf(ref);
      const { kept, lines } = extendMatches(loadedCache.current.get(key), `${settledKey}@${doc.generation}`, doc.window, test);
      loadedCache.current.set(key, kept);
      found[key] = { stream: ref.stream, source: 'loaded', lines, total: lines.length, capped: false };
    }
    return found;
  }, [streams, test, settledKey]);

  // Streams not loaded whole (or a regular expression): ask their satellite.
  const remoteRefs = settled.text === '' ? [] : streams.filter(({ doc }) => !(textMatcher(settled) && wholeLoaded(doc)) && doc.window !== undefined).map(({ ref }) => ref);
  const remoteKey = remoteRefs.map(keyOf).join(',');
  useEffect(() => {
    if (remoteRefs.length === 0) return setStatus(settled.text === '' ? 'idle' : 'ready');
    let cancelled = false;
    setStatus('searching');
    void Promise.all(
      remoteRefs.map(async (ref) => {
        const size = streams.find((item) => keyOf(item.ref) === keyOf(ref))?.doc.size ?? 0;
        const found = await searchOnServer(ref, settled);
        const hits: StreamHits = { stream: ref.stream, source: 'satellite', lines: found.matches.map((match) => match.line), offsets: found.matches.map((match) => match.offset), texts: found.matches.map((match) => match.text), total: found.total, capped: found.capped };
        return [keyOf(ref), { hits, size, query: settled }] as const;
      }),
    ).then(
      (answers) => {
        if (cancelled) return;
        setRemote(Object.fromEntries(answers));
        setStatus('ready');
        setError(undefined);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setStatus('error');
        setError(errorInfoOf(failure).message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [remoteKey, settledKey, refreshes]); // The keys stand for the refs and the query.

  const hits = useMemo(() => {
    if (query.text === '' || settledKey !== queryKey) return [];
    return streams.flatMap(({ ref }) => {
      const key = keyOf(ref);
      const mine = local[key] ?? (remote[key] && JSON.stringify(remote[key].query) === queryKey ? remote[key].hits : undefined);
      return mine ? [mine] : [];
    });
  }, [streams, local, remote, query.text, queryKey, settledKey]);

  const index = current ? indexOfHit(hits, current.stream, current.line) : -1;
  const stale = streams.some(({ ref, doc }) => {
    const answer = remote[keyOf(ref)];
    return answer !== undefined && !doc.complete && doc.size > answer.size;
  });
  const highlighter = useMemo(() => highlighterOf(query), [query]);
  const searching = query.text !== '' && (settledKey !== queryKey || (status === 'searching' && remoteRefs.length > 0));
  // A new query shows its first match from where the reader is, once every stream has answered; later answers
  // (the log grew) keep the match shown.
  const positioned = useRef('');
  useEffect(() => {
    if (searching || listedCount(hits) === 0 || positioned.current === queryKey) return;
    positioned.current = queryKey;
    const where = from();
    setCurrent(hitAt(hits, firstHitFrom(hits, where.stream, where.line)));
  }, [hits, queryKey, searching]); // `from` is read when asked.
  return {
    query,
    setQuery,
    status: searching ? 'searching' : status,
    error: status === 'error' ? error : undefined,
    hits,
    current: index >= 0 ? current : undefined,
    label: query.text === '' ? '' : searching && listedCount(hits) === 0 ? 'Searching…' : countLabel(hits, index),
    stale,
    highlighter,
    go: (direction) => setCurrent(hitAt(hits, stepHit(index, listedCount(hits), direction))),
    refresh: () => setRefreshes((count) => count + 1),
  };
}
