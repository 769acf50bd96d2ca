import type { SatelliteView } from '@taskomatic/shared/ipc';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SatelliteBadge } from '../../components/satellite-badge';
import { TimeText } from '../../components/time-text';
import { useLogsStore } from '../../stores/logs-store';
import { isReachable } from '../../stores/satellites-store';
import { FullLineDialog } from './full-line-dialog';
import type { LogStream, StreamRef } from './log-reads';
import { LogPane, type LogPaneHandle, type PaneFocus } from './log-pane';
import { LogState } from './log-state';
import { viewerStateOf } from './log-states';
import { LogToolbar, type StreamFilter } from './log-toolbar';
import { matchRowsOf } from './match-rows';
import { useFocusLoader } from './use-focus-loader';
import { useLineLinks } from './use-line-links';
import { useLogSearch } from './use-log-search';
import { useLogShortcuts } from './use-log-shortcuts';
import { useLogStream, useElementVisible, usePageVisible } from './use-log-stream';
import { useNextError } from './use-next-error';
import { useRetention } from './use-retention';
import './logs.css';

/** What the log viewer shows: one task run's output on one satellite. */
export interface LogViewerProps {
  readonly satellite: SatelliteView;
  /** The task run (a step of a bunch run): `RunInfo.id`. */
  readonly taskRunId: number;
  /** True while the run is under way: the viewer follows new output. */
  readonly live: boolean;
  /** A line range to highlight and scroll to (from a line link), 1-based, inclusive. */
  readonly lines?: { readonly from: number; readonly to: number };
  /** Builds the link of a line range (the run detail knows the route); `stream` is the stream of the lines. */
  readonly linkOfLines?: (from: number, to: number, stream?: LogStream) => string;
  /** The stream `lines` are in (from a line link; default stdout). */
  readonly stream?: LogStream;
  /** When the run ended (`RunInfo.endTime`): says when a log removed by retention went. */
  readonly endTime?: Date;
}

const STREAMS: ReadonlyArray<LogStream> = ['stdout', 'stderr'];

/**
 * A task run's log: tail first, paged by byte offset, virtualised; follows while the view sits at the end;
 * searches the whole log; colours, progress redraws collapsed, stderr tinted; line links; raw copy and download.
 */
export function LogViewer({ satellite, taskRunId, live, lines, linkOfLines, stream: linkedStream = 'stdout', endTime }: LogViewerProps) {
  const root = useRef<HTMLElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const panes = useRef<Partial<Record<LogStream, LogPaneHandle | null>>>({});
  const [filter, setFilter] = useState<StreamFilter>('both');
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [focus, setFocus] = useState<PaneFocus & { readonly stream: LogStream }>();
  const [full, setFull] = useState<{ stream: LogStream; raw: string; line?: number }>();
  const active = useRef<LogStream>('stdout');
  const reachable = isReachable(satellite);
  const shown = (stream: LogStream) => filter === 'both' || filter === stream;
  const visible = useElementVisible(root) && usePageVisible() && reachable;

  const refs = useMemo(() => Object.fromEntries(STREAMS.map((stream) => [stream, { satelliteId: satellite.id, runId: taskRunId, stream }])) as Record<LogStream, StreamRef>, [satellite.id, taskRunId]);
  const stdout = useLogStream(refs.stdout, visible, shown('stdout'), live);
  const stderr = useLogStream(refs.stderr, visible, shown('stderr'), live);
  const docs = { stdout, stderr };
  const streams = useMemo(() => STREAMS.filter((stream) => filter === 'both' || filter === stream).map((stream) => ({ ref: refs[stream], doc: stream === 'stdout' ? stdout : stderr })), [filter, refs, stdout, stderr]);

  const [missing, setMissing] = useState<string>();
  const focusLine = useCallback((stream: LogStream, line: number) => {
    setMissing(undefined);
    setFocus((before) => ({ stream, line, seq: (before?.seq ?? 0) + 1 }));
  }, []);
  const { selection, setSelection, linkOf, onNumberClick } = useLineLinks(linkOfLines, STREAMS);
  const search = useLogSearch(streams, () => ({ stream: active.current, line: panes.current[active.current]?.topLine() }));
  const nextError = useNextError(streams, active, panes, focusLine);

  // The current match comes into view; one the satellite found outside the loaded part is read first.
  useEffect(() => {
    const hit = search.current;
    if (!hit) return;
    if (filter !== 'both' && filter !== hit.stream) setFilter('both');
    focusLine(hit.stream, hit.line);
    // Only a new current match moves the view (not a change of filter or of focusLine).
  }, [search.current]);

  // A line link: its lines are highlighted and scrolled to (read first when they are not loaded).
  useEffect(() => {
    if (!lines) return;
    setSelection({ stream: linkedStream, ...lines });
    focusLine(linkedStream, lines.from);
    // The range's values, not its object: a new render of the run detail does not scroll back.
  }, [lines?.from, lines?.to, linkedStream]);

  const onMissing = useCallback((line: number) => setMissing(`Line ${line.toLocaleString()} could not be loaded`), []);
  useFocusLoader(focus, focus ? docs[focus.stream] : undefined, refs, search.hits, onMissing);

  const paneRefs = useMemo(() => Object.fromEntries(STREAMS.map((stream) => [stream, (pane: LogPaneHandle | null) => void (panes.current[stream] = pane)])) as Record<LogStream, (pane: LogPaneHandle | null) => void>, []);
  const matching = onlyMatching && search.query.text !== '';
  const matchRows = useMemo(() => Object.fromEntries(STREAMS.map((stream) => [stream, matchRowsOf(search.hits, stream)])) as Record<LogStream, ReturnType<typeof matchRowsOf>>, [search.hits]);
  const showFull = useCallback((stream: LogStream, raw: string, line: number | undefined) => setFull({ stream, raw, line }), []);
  const setActive = useCallback((stream: LogStream) => (active.current = stream), []);

  useLogShortcuts({ resume: () => panes.current[active.current]?.resume(), go: search.go, nextError: nextError.run, searchInput });

  const retentionDays = useRetention(satellite.id, [stdout, stderr].some((doc) => doc.error?.fault === 'NOT_FOUND'));
  const facts = streams.map(({ doc }) => ({ status: doc.status, loaded: doc.window !== undefined, size: doc.size, dropped: doc.dropped, complete: doc.complete, error: doc.error }));
  const state = viewerStateOf(facts, reachable, endTime, retentionDays, Date.now());
  const stale = streams.find(({ doc }) => doc.window && (doc.status === 'error' || !reachable));
  const streamWords = filter === 'both' ? 'stdout or stderr' : filter;
  const retry = () => streams.forEach(({ ref }) => void useLogsStore.getState().open(ref));

  return (
    <section className="log-viewer" ref={root} data-testid="log-viewer" data-satellite={satellite.name} data-run={taskRunId} aria-label={`Log of run ${taskRunId} on ${satellite.name}`}>
      <LogToolbar filter={filter} onFilter={setFilter} search={search} onlyMatching={matching} onOnlyMatching={setOnlyMatching} onNextError={nextError.run} errorNote={missing ?? nextError.note} inputRef={searchInput} />
      {stale && (
        <div className="notice notice--warning log-viewer__stale">
          <SatelliteBadge satellite={satellite} dot /> does not answer: showing what was read as of <TimeText date={stale.doc.asOf} satellite={satellite} style="time" />. Following resumes when it answers.
        </div>
      )}
      {state ? (
        <LogState state={state} satellite={satellite} streams={streamWords} endTime={endTime} retentionDays={retentionDays} message={streams.find(({ doc }) => doc.error)?.doc.error?.message} onRetry={retry} />
      ) : (
        <div className={`log-viewer__panes log-viewer__panes--${filter}`}>
          {streams.map(({ ref, doc }) =>
            doc.window && doc.size === 0 && doc.dropped === 0 && filter === 'both' ? (
              <div key={ref.stream} className={`log-pane__nothing log-pane--${ref.stream}`} data-stream={ref.stream}>
                {ref.stream} · {doc.complete ? 'no output' : 'no output yet'}
              </div>
            ) : (
              <LogPane
                key={ref.stream}
                ref={paneRefs[ref.stream]}
                satelliteName={satellite.name}
                streamRef={ref}
                doc={doc}
                highlighter={search.highlighter}
                currentLine={search.current?.stream === ref.stream ? search.current.line : undefined}
                onlyMatching={matching ? matchRows[ref.stream] : undefined}
                selected={selection?.stream === ref.stream ? selection : undefined}
                linkOf={linkOf[ref.stream]}
                focus={focus?.stream === ref.stream ? focus : undefined}
                stalled={!reachable || doc.status === 'error'}
                onNumberClick={onNumberClick}
                onShowFull={showFull}
                onActive={setActive}
              />
            ),
          )}
        </div>
      )}
      {full && <FullLineDialog raw={full.raw} line={full.line} stream={full.stream} onClose={() => setFull(undefined)} />}
    </section>
  );
}
