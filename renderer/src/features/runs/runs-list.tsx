import type { SatelliteView } from '@taskomatic/shared/ipc';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useShortcut } from '../../lib/shortcuts';
import { anchorShift, listWindow } from './list-window';
import { RunRow } from './run-row';
import type { MergedRun } from './runs-merge';

/** Height of a row (px); runs.css gives rows the same. */
const ROW = 46;
/** Rows drawn beyond each edge of the view: a fling between two frames never reaches undrawn rows. */
const OVERSCAN = 25;
/** The next page loads when the view comes this many rows from the end. */
const NEAR_END_ROWS = 60;
/** Pages loaded in a row without a new visible run (a trigger filter the app applies) before waiting for the user. */
const EMPTY_LOADS_BEFORE_ASKING = 5;

export interface ListEnd {
  /** Some satellite has older runs to load. */
  readonly more: boolean;
  readonly loading: boolean;
  /** Every satellite asked has answered (none loading, none failed). */
  readonly complete: boolean;
  /** Runs read and placed, before the filters the app applies itself (trigger). */
  readonly read: number;
}

const rowKey = (row: MergedRun) => `${row.satelliteId}:${row.run.id}`;
const sameRow = (a: MergedRun, b: MergedRun) => a.run.id === b.run.id && a.satelliteId === b.satelliteId;

/**
 * Merged run history as one scrolling list of fixed-height rows, only those in and near the view drawn: ten
 * thousand runs scroll as smoothly as ten. Runs added above the view (live) shift the view with them, so what the
 * user reads stays put; at the very top the new runs come into view. The next page loads as the end comes near.
 */
export const RunsList = memo(function RunsList({ rows, satellites, orgNames, stale, end, onLoadMore, empty }: { rows: ReadonlyArray<MergedRun>; satellites: ReadonlyArray<SatelliteView>; orgNames: ReadonlyMap<string, ReadonlyMap<number, string>>; stale: ReadonlySet<string>; end: ListEnd; onLoadMore: () => void; empty: ReactNode }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const anchor = useRef<{ readonly row: MergedRun | undefined; readonly index: number }>({ row: undefined, index: 0 });
  const emptyLoads = useRef({ rows: rows.length, count: 0 });
  const byId = new Map(satellites.map((satellite) => [satellite.id, satellite]));
  const range = listWindow(view.top, view.height, rows.length, ROW, OVERSCAN);
  const nearEnd = view.top + view.height >= (rows.length - NEAR_END_ROWS) * ROW;

  const latest = useRef(rows);
  latest.current = rows;
  /** Reads where the view is, and which row sits at its top (followed when runs are added above it). */
  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const index = Math.floor(element.scrollTop / ROW);
    anchor.current = { row: latest.current[index], index };
    const top = element.scrollTop;
    const height = element.clientHeight;
    setView((previous) => (previous.top === top && previous.height === height ? previous : { top, height }));
  }, []);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    measure();
    // Drawn in the scroll event itself, before the frame is painted: a scheduled render could come a frame late
    // and show the rows of the previous position (a blank band) for that frame.
    const onScroll = () => flushSync(measure);
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [measure]);

  // Live runs added (or gone) above the view: move the view by as many rows, unless it sits at the very top.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (element.scrollTop > 0) {
      const shift = anchorShift(anchor.current.row, anchor.current.index, rows, sameRow);
      // Drawn before the next paint: the rows of the moved view are there in the same frame.
      if (shift !== 0) element.scrollTop += shift * ROW;
    }
    measure();
  }, [rows, measure]);

  // Keep loading while the end is near: after each page, and as the user scrolls.
  useEffect(() => {
    if (!end.more || end.loading) return;
    const seen = emptyLoads.current;
    seen.count = rows.length > seen.rows ? 0 : seen.count + 1;
    seen.rows = rows.length;
    if (seen.count <= EMPTY_LOADS_BEFORE_ASKING && nearEnd) onLoadMore();
  }, [rows.length, end.more, end.loading, nearEnd, onLoadMore]);

  const move = useCallback((step: number) => {
    const element = scroller.current;
    if (!element) return;
    const current = Number((document.activeElement?.closest('[data-index]') as HTMLElement | null)?.dataset.index ?? Number.NaN);
    const next = Math.max(0, Math.min(rows.length - 1, Number.isNaN(current) ? Math.floor(element.scrollTop / ROW) : current + step));
    const top = next * ROW;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW * 2 > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW * 2 - element.clientHeight;
    const focus = () => element.querySelector<HTMLAnchorElement>(`[data-index="${next}"] .runs-row__label`)?.focus({ preventScroll: true });
    // The row is drawn already unless the view jumped beyond the overscan: then after the next drawing.
    if (!element.querySelector(`[data-index="${next}"]`)) requestAnimationFrame(focus);
    else focus();
  }, [rows.length]);
  useShortcut('j', 'Next run', 'Run history', useCallback(() => move(1), [move]));
  useShortcut('k', 'Previous run', 'Run history', useCallback(() => move(-1), [move]));

  return (
    <div className="runs-list" ref={scroller} role="table" aria-label="Run history" aria-rowcount={rows.length} data-testid="runs-table" data-rows={rows.length} data-complete={end.complete && !end.loading && !end.more ? 'true' : 'false'}>
      <div className="runs-row runs-row--head" role="row">
        {['Satellite', 'Status', 'What ran', 'Trigger', 'Due', 'Started', 'Duration', ''].map((title) => (
          <span role="columnheader" key={title}>
            {title}
          </span>
        ))}
      </div>
      {rows.length === 0 && !end.more ? empty : null}
      <div className="runs-list__rows" role="rowgroup" style={{ height: rows.length * ROW }}>
        {rows.slice(range.first, range.end).map((row, offset) => {
          const index = range.first + offset;
          return (
            <RunRow
              key={rowKey(row)}
              index={index}
              top={index * ROW}
              run={row.run}
              satelliteId={row.satelliteId}
              satellite={byId.get(row.satelliteId)}
              orgName={row.run.orgId === undefined ? undefined : orgNames.get(row.satelliteId)?.get(row.run.orgId)}
              stale={stale.has(row.satelliteId)}
            />
          );
        })}
      </div>
      <div className="runs-list__end">
        {end.more ? (
          <button
            type="button"
            data-testid="runs-load-more"
            disabled={end.loading}
            onClick={() => {
              emptyLoads.current.count = 0;
              onLoadMore();
            }}
          >
            {end.loading ? (
              <>
                <span className="spinner" aria-hidden="true" /> Loading older runs…
              </>
            ) : end.read > rows.length ? (
              `Look further back (${rows.length} of the ${end.read} runs read match)`
            ) : (
              'Load older runs'
            )}
          </button>
        ) : (
          rows.length > 0 && (
            <span className="muted" data-testid="runs-end" data-complete={end.complete ? 'true' : 'false'}>
              {end.complete ? `No older runs · ${rows.length} shown` : `No older runs from the satellites that answered · ${rows.length} shown`}
            </span>
          )
        )}
      </div>
    </div>
  );
});
