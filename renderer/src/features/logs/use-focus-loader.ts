import { useEffect, useRef } from 'react';
import { type StreamDoc, useLogsStore } from '../../stores/logs-store';
import { loadLine } from './line-jump';
import type { LogStream, StreamRef } from './log-reads';
import { rowCount } from './log-window';
import type { PaneFocus } from './log-pane';
import type { StreamHits } from './search-hits';

/**
 * Reads the part of the log that holds the line asked for when it is not loaded: at the offset the satellite's
 * search gave for a match, or found by line number for a line link. Waits for line numbers while they are
 * being found. The pane scrolls to the line once it is loaded.
 */
export function useFocusLoader(focus: (PaneFocus & { readonly stream: LogStream }) | undefined, doc: StreamDoc | undefined, refs: Readonly<Record<LogStream, StreamRef>>, hits: ReadonlyArray<StreamHits>, onMissing: (line: number) => void): void {
  const handled = useRef(0);
  const window = doc?.window;
  const numbering = doc?.numbering;
  useEffect(() => {
    if (!focus || !window || handled.current === focus.seq || numbering === 'finding') return;
    const first = window.firstLine;
    handled.current = focus.seq;
    if (first !== undefined && focus.line >= first && focus.line < first + rowCount(window)) return;
    const ref = refs[focus.stream];
    const streamHits = hits.find((item) => item.stream === focus.stream);
    const index = streamHits?.lines.indexOf(focus.line) ?? -1;
    const offset = index >= 0 ? streamHits?.offsets?.[index] : undefined;
    const load = offset !== undefined ? useLogsStore.getState().jumpTo(ref, focus.line, offset).then(() => true) : loadLine(ref, focus.line);
    void load.then(
      (found) => !found && onMissing(focus.line),
      () => onMissing(focus.line),
    );
  }, [focus, window, numbering, refs, hits, onMissing]);
}
