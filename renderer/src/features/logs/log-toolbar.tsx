import type { RefObject } from 'react';
import type { LogSearch } from './use-log-search';

/** Which streams the viewer shows. */
export type StreamFilter = 'stdout' | 'stderr' | 'both';

const FILTERS: ReadonlyArray<{ readonly value: StreamFilter; readonly label: string; readonly title: string }> = [
  { value: 'both', label: 'Both', title: 'stdout and stderr, one above the other: the satellite stores them apart, so which line came first across the two is not known' },
  { value: 'stdout', label: 'stdout', title: 'Standard output only' },
  { value: 'stderr', label: 'stderr', title: 'Standard error only' },
];

export interface LogToolbarProps {
  readonly filter: StreamFilter;
  readonly onFilter: (filter: StreamFilter) => void;
  readonly search: LogSearch;
  readonly onlyMatching: boolean;
  readonly onOnlyMatching: (only: boolean) => void;
  readonly onNextError: () => void;
  readonly errorNote?: string;
  readonly inputRef: RefObject<HTMLInputElement | null>;
}

/** Stream filter, whole-log search (n of N, next and previous, case, regex, only matching lines), next error. */
export function LogToolbar({ filter, onFilter, search, onlyMatching, onOnlyMatching, onNextError, errorNote, inputRef }: LogToolbarProps) {
  const { query } = search;
  const set = (change: Partial<typeof query>) => search.setQuery({ ...query, ...change });
  return (
    <div className="log-toolbar" role="toolbar" aria-label="Log">
      <div className="log-toolbar__filter" role="radiogroup" aria-label="Streams" data-testid="log-stream-filter" data-value={filter}>
        {FILTERS.map((item) => (
          <button key={item.value} type="button" role="radio" aria-checked={filter === item.value} data-value={item.value} className={filter === item.value ? 'log-toolbar__choice log-toolbar__choice--on' : 'log-toolbar__choice'} title={item.title} onClick={() => onFilter(item.value)}>
            {item.label}
          </button>
        ))}
      </div>
      <div className="log-toolbar__search" role="search">
        <input
          ref={inputRef}
          type="search"
          placeholder="Search the whole log"
          aria-label="Search the log"
          data-testid="log-search-input"
          value={query.text}
          spellCheck={false}
          onChange={(event) => set({ text: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              search.go(event.shiftKey ? -1 : 1);
            } else if (event.key === 'Escape' && query.text !== '') {
              event.preventDefault();
              set({ text: '' });
            }
          }}
        />
        <button type="button" className={query.caseSensitive ? 'log-toolbar__toggle log-toolbar__toggle--on' : 'log-toolbar__toggle'} aria-pressed={query.caseSensitive} title="Match case" data-testid="log-search-case" onClick={() => set({ caseSensitive: !query.caseSensitive })}>
          Aa
        </button>
        <button type="button" className={query.regex ? 'log-toolbar__toggle log-toolbar__toggle--on' : 'log-toolbar__toggle'} aria-pressed={query.regex} title="Regular expression (RE2 syntax, run on the satellite)" data-testid="log-search-regex" onClick={() => set({ regex: !query.regex })}>
          .*
        </button>
        <span className={`log-toolbar__count log-toolbar__count--${search.status}`} data-testid="log-search-count" data-status={search.status} aria-live="polite" title={search.hits.some((hits) => hits.source === 'satellite') ? 'Searched on the satellite, in the raw text of each line (colour codes included)' : 'Searched in the loaded log'}>
          {search.error ?? search.label}
        </span>
        {search.stale && (
          <button type="button" className="link-button" title="The log grew since the satellite searched it" onClick={search.refresh}>
            Search new lines
          </button>
        )}
        <button type="button" title="Previous match (Shift+Enter)" aria-label="Previous match" disabled={search.hits.length === 0} data-testid="log-search-previous" onClick={() => search.go(-1)}>
          ↑
        </button>
        <button type="button" title="Next match (Enter)" aria-label="Next match" disabled={search.hits.length === 0} data-testid="log-search-next" onClick={() => search.go(1)}>
          ↓
        </button>
        <label className="log-toolbar__only" title="Show only the matching lines">
          <input type="checkbox" checked={onlyMatching} disabled={query.text === ''} data-testid="log-only-matching" onChange={(event) => onOnlyMatching(event.target.checked)} /> Only matching
        </label>
      </div>
      <button type="button" className="log-toolbar__error" data-testid="log-next-error" title="Next line that looks like an error (e)" onClick={onNextError}>
        Next error
      </button>
      {errorNote && <span className="log-toolbar__note">{errorNote}</span>}
    </div>
  );
}
