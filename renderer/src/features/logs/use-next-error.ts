import { type MutableRefObject, useCallback, useRef, useState } from 'react';
import { type StreamDoc, useLogsStore } from '../../stores/logs-store';
import { nextErrorOnServer } from './line-jump';
import type { LogPaneHandle } from './log-pane';
import { keyOf, type LogStream, type StreamRef } from './log-reads';
import { rowCount } from './log-window';
import { nextErrorRow } from './search-match';

/**
 * "Next error": the next line that looks like an error in the stream the reader works in, after the last one
 * shown (or the line at the top of the view). Searched in the loaded part first; when that part is not the
 * whole log, on the satellite. Wraps to the first one, and says so.
 */
export function useNextError(streams: ReadonlyArray<{ ref: StreamRef; doc: StreamDoc }>, active: MutableRefObject<LogStream>, panes: MutableRefObject<Partial<Record<LogStream, LogPaneHandle | null>>>, focusLine: (stream: LogStream, line: number) => void): { run: () => void; note?: string } {
  const [note, setNote] = useState<string>();
  const last = useRef<{ stream: LogStream; line: number } | undefined>(undefined);
  const latest = useRef(streams);
  latest.current = streams;

  const run = useCallback(() => {
    const shown = latest.current;
    const item = shown.find(({ ref }) => ref.stream === active.current) ?? shown[0];
    const window = item?.doc.window;
    if (!item || !window) return;
    const stream = item.ref.stream;
    const from = last.current?.stream === stream ? last.current.line : (panes.current[stream]?.topLine() ?? (window.firstLine ?? 1) - 1);
    const show = (line: number, wrapped: boolean) => {
      last.current = { stream, line };
      setNote(wrapped ? `Back to the first error of ${stream}` : undefined);
      focusLine(stream, line);
    };
    const first = window.firstLine;
    if (first !== undefined) {
      const row = nextErrorRow(window, from - first);
      if (row >= 0) return show(first + row, false);
    }
    const whole = window.startOffset === 0 && window.endOffset >= item.doc.size;
    if (whole && first !== undefined) {
      const row = nextErrorRow(window, -1);
      return row >= 0 ? show(first + row, true) : setNote(`No line of ${stream} looks like an error`);
    }
    setNote(`Searching ${stream} on the satellite…`);
    nextErrorOnServer(item.ref, from).then(
      async (found) => {
        if (!found) return setNote(`No line of ${stream} looks like an error`);
        // A line outside the loaded part is read at its offset before the view moves to it.
        const now = useLogsStore.getState().docs[keyOf(item.ref)]?.window;
        const loaded = now?.firstLine !== undefined && found.line >= now.firstLine && found.line < now.firstLine + rowCount(now);
        if (!loaded) await useLogsStore.getState().jumpTo(item.ref, found.line, found.offset);
        show(found.line, found.wrapped);
      },
      (error: unknown) => setNote(`Could not search for errors: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, [active, panes, focusLine]);

  return { run, note };
}
