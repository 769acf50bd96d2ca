import { type MouseEvent, useCallback, useMemo, useRef, useState } from 'react';
import type { LogStream } from './log-reads';

/** Lines highlighted in a stream: a line link's range, or the lines clicked. */
export interface LineSelection {
  readonly stream: LogStream;
  readonly from: number;
  readonly to: number;
}

type LinkOfLines = (from: number, to: number, stream?: LogStream) => string;

/**
 * Line links: each line number links to its line (when the app gives a link builder); a click selects the line,
 * a Shift+click the range from the line selected before, and follows the range's link. The builder is read when
 * used, so a new function from each render of the run detail redraws no row.
 */
export function useLineLinks(linkOfLines: LinkOfLines | undefined, streams: ReadonlyArray<LogStream>) {
  const [selection, setSelection] = useState<LineSelection>();
  const builder = useRef(linkOfLines);
  builder.current = linkOfLines;
  const selected = useRef(selection);
  selected.current = selection;
  const hasLinks = linkOfLines !== undefined;
  const streamsKey = streams.join(',');

  const linkOf = useMemo(
    () => Object.fromEntries(hasLinks ? streamsKey.split(',').map((stream) => [stream, (line: number) => builder.current?.(line, line, stream as LogStream)]) : []) as Partial<Record<LogStream, (line: number) => string | undefined>>,
    [hasLinks, streamsKey],
  );

  const onNumberClick = useCallback((stream: LogStream, line: number, event: MouseEvent) => {
    const before = selected.current;
    const anchor = before?.stream === stream && event.shiftKey ? before.from : line;
    const range = { stream, from: Math.min(anchor, line), to: Math.max(anchor, line) };
    setSelection(range);
    const build = builder.current;
    if (build && event.shiftKey) {
      event.preventDefault();
      window.location.assign(build(range.from, range.to, stream));
    }
  }, []);

  return { selection, setSelection, linkOf, onNumberClick };
}
