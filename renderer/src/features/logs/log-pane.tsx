import { forwardRef, memo, type MouseEvent, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { formatBytes } from '../../lib/time-format';
import { type StreamDoc, useLogsStore } from '../../stores/logs-store';
import { FollowState } from './follow-state';
import { CUT_CHARS } from './line-render';
import { LogLine } from './log-line';
import { LogPaneHeader } from './log-pane-header';
import { type LogStream, MAX_READ_BYTES, type StreamRef } from './log-reads';
import { type LogWindow, rowAt, rowCount } from './log-window';
import type { Highlighter } from './search-match';
import { VirtualLogList, type VirtualLogListHandle } from './virtual-log-list';

/** A line to bring into view; `seq` makes asking twice for the same line scroll again. */
export interface PaneFocus {
  readonly line: number;
  readonly seq: number;
}

/** A matching line listed by "show only matching lines". */
export interface MatchRow {
  readonly line: number;
  readonly text: string;
}

export interface LogPaneProps {
  readonly satelliteName: string;
  readonly streamRef: StreamRef;
  readonly doc: StreamDoc;
  readonly highlighter?: Highlighter;
  readonly currentLine?: number;
  /** Show these matching lines instead of the log. */
  readonly onlyMatching?: ReadonlyArray<MatchRow>;
  readonly selected?: { readonly from: number; readonly to: number };
  readonly linkOf?: (line: number) => string | undefined;
  readonly focus?: PaneFocus;
  /** The satellite does not answer: nothing new comes for now. */
  readonly stalled: boolean;
  readonly onNumberClick: (stream: LogStream, line: number, event: MouseEvent) => void;
  readonly onShowFull: (stream: LogStream, raw: string, line: number | undefined) => void;
  /** The pane was scrolled or clicked: next error and End act on it. */
  readonly onActive: (stream: LogStream) => void;
}

/** What the viewer asks of a pane. */
export interface LogPaneHandle {
  /** Back to the end and following (End). */
  resume(): void;
  /** The line at the top of the view (when numbers are known). */
  topLine(): number | undefined;
}

function lineOf(window: LogWindow | undefined, row: number): number | undefined {
  return window?.firstLine === undefined ? undefined : window.firstLine + row;
}

/**
 * One stream of a run's log: the virtual list with its header, "load earlier" and the follow state. Redrawn only
 * when its own props change (not when the satellite's health or the other pane changes).
 */
export const LogPane = memo(
  forwardRef<LogPaneHandle, LogPaneProps>(function LogPane(props, handle) {
    const { satelliteName, streamRef, doc, highlighter, currentLine, onlyMatching, selected, linkOf, focus, stalled, onNumberClick, onShowFull, onActive } = props;
    const window = doc.window;
    const stream = streamRef.stream;
    const list = useRef<VirtualLogListHandle>(null);
    const [following, setFollowingState] = useState(true);
    const followingNow = useRef(true);
    const setFollowing = useCallback((value: boolean) => {
      followingNow.current = value;
      setFollowingState(value);
    }, []);
    const [pausedAt, setPausedAt] = useState(0);
    const rows = onlyMatching ? onlyMatching.length : window ? rowCount(window) : 0;

    const resume = useCallback(() => {
      setFollowing(true);
      list.current?.scrollToEnd();
      void useLogsStore.getState().toEnd(streamRef);
    }, [streamRef, setFollowing]);
    // Following a log that grows faster than one read brings in: go to its end (the tail) instead of reading
    // everything in between; what was skipped stays a "load earlier" away.
    const behind = window !== undefined && window.endOffset + MAX_READ_BYTES < doc.size;
    const { busy } = doc;
    useEffect(() => {
      if (following && behind && busy === undefined && !onlyMatching) void useLogsStore.getState().toEnd(streamRef);
    }, [following, behind, busy, onlyMatching, streamRef]);
    useImperativeHandle(handle, () => ({
      resume,
      topLine: () => {
        const row = list.current?.topRow() ?? 0;
        return onlyMatching ? onlyMatching[row]?.line : lineOf(window, row);
      },
    }));

    // Rows added above (load earlier) must not move the rows in view; a new window (a jump) starts afresh.
    const previous = useRef<{ window?: LogWindow; generation: number }>({ generation: doc.generation });
    useLayoutEffect(() => {
      const before = previous.current;
      previous.current = { window, generation: doc.generation };
      if (!before.window || !window || before.generation !== doc.generation || window.startOffset >= before.window.startOffset) return;
      const added = before.window.firstLine !== undefined && window.firstLine !== undefined ? before.window.firstLine - window.firstLine : rowCount(window) - rowCount(before.window);
      setPausedAt((rowsThen) => rowsThen + added);
      if (!following && !onlyMatching) list.current?.shiftRows(added);
    }, [window, doc.generation, following, onlyMatching]);

    // A line asked for (search, next error, a line link) scrolls into view as soon as it is loaded.
    const focused = useRef(0);
    useLayoutEffect(() => {
      if (!focus || focus.seq === focused.current || window?.firstLine === undefined) return;
      const row = onlyMatching ? onlyMatching.findIndex((match) => match.line === focus.line) : focus.line - window.firstLine;
      if (row < 0 || row >= rows) return;
      focused.current = focus.seq;
      list.current?.scrollToRow(row);
      // A line shown away from the end stops following; in a log that fits the view, nothing moves.
      setFollowing(list.current?.atEnd() ?? false);
    });

    // Following holds while the view sits at the end: scrolling up pauses it, scrolling back down resumes it.
    const onScrolled = useCallback(
      (atEnd: boolean) => {
        // The list of matching lines does not follow; the log under it keeps its own state.
        if (onlyMatching || followingNow.current === atEnd) return;
        if (!atEnd) setPausedAt(rows);
        setFollowing(atEnd);
      },
      [rows, setFollowing, onlyMatching],
    );
    const numberClick = useCallback((line: number, event: MouseEvent) => onNumberClick(stream, line, event), [onNumberClick, stream]);
    const showFull = useCallback((raw: string, line: number | undefined) => onShowFull(stream, raw, line), [onShowFull, stream]);

    const renderRow = (index: number) => {
      const match = onlyMatching?.[index];
      const line = match ? match.line : lineOf(window, index);
      const loadedRow = window && line !== undefined && window.firstLine !== undefined ? line - window.firstLine : match ? -1 : index;
      const raw = window && loadedRow >= 0 && loadedRow < rowCount(window) ? rowAt(window, loadedRow) : (match?.text ?? '');
      return (
        <LogLine
          raw={raw}
          line={line}
          continued={!match && index === 0 && window?.headPartial}
          link={line === undefined ? undefined : linkOf?.(line)}
          selected={line !== undefined && selected !== undefined && line >= selected.from && line <= selected.to}
          current={line !== undefined && (line === currentLine || line === focus?.line)}
          highlighter={highlighter}
          onNumberClick={numberClick}
          onShowFull={showFull}
        />
      );
    };

    const store = useLogsStore.getState();
    return (
      <section className={`log-pane log-pane--${stream}`} data-stream={stream} onMouseDown={() => onActive(stream)} onFocus={() => onActive(stream)}>
        <LogPaneHeader satelliteName={satelliteName} streamRef={streamRef} doc={doc} rows={window ? rowCount(window) : 0} />
        {window && window.startOffset > 0 && !onlyMatching && (
          <button type="button" className="log-pane__earlier" data-testid="log-load-earlier" disabled={doc.busy !== undefined} onClick={() => void store.loadEarlier(streamRef)}>
            {doc.busy === 'earlier' ? 'Loading earlier…' : `Load earlier · ${formatBytes(window.startOffset)} before this`}
          </button>
        )}
        {onlyMatching && onlyMatching.length === 0 ? (
          <div className="log-pane__none">No matching lines in {stream}.</div>
        ) : (
          <VirtualLogList ref={list} rows={rows} widestChars={Math.min(window?.widest ?? 0, CUT_CHARS + 60)} following={following && !onlyMatching} renderRow={renderRow} onScrolled={onScrolled} label={`${stream} of run ${streamRef.runId}`} />
        )}
        {!onlyMatching && <FollowState doc={doc} following={following} stalled={stalled} newLines={Math.max(0, rows - pausedAt)} onResume={resume} onLoadLater={() => void store.loadLater(streamRef)} />}
      </section>
    );
  }),
);
