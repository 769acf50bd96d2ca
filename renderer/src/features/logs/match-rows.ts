import type { MatchRow } from './log-pane';
import type { LogStream } from './log-reads';
import type { StreamHits } from './search-hits';

/** The rows "show only matching lines" lists for a stream: each match's line, with the satellite's text when it gave one. */
export function matchRowsOf(all: ReadonlyArray<StreamHits>, stream: LogStream): ReadonlyArray<MatchRow> {
  const hits = all.find((item) => item.stream === stream);
  if (!hits) return [];
  return hits.lines.map((line, index) => ({ line, text: hits.texts?.[index] ?? '' }));
}
