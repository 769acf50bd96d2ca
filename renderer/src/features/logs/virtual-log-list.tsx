import { Fragment, forwardRef, type ReactNode, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { atBottom, contentHeight, rowAtScroll, type RowsGeometry, scrollForRow, visibleRows } from './virtual-rows';

/** Row height in pixels; the CSS of `.log-line` uses the same (`--log-row`). */
export const ROW_HEIGHT = 18;

export interface VirtualLogListProps {
  readonly rows: number;
  /** Characters of the widest row: the list scrolls sideways that far. */
  readonly widestChars: number;
  /** Keep the end in view as rows are added. */
  readonly following: boolean;
  readonly renderRow: (index: number) => ReactNode;
  /** Told after each scroll: whether the end is in view. */
  readonly onScrolled: (atEnd: boolean) => void;
  readonly label: string;
}

/** What the pane around the list may ask of it. */
export interface VirtualLogListHandle {
  /** Scrolls so that `row` shows, with a few rows above it. */
  scrollToRow(row: number): void;
  /** Keeps the rows in view still when `count` rows were added above them. */
  shiftRows(count: number): void;
  scrollToEnd(): void;
  /** The row at the top of the view now. */
  topRow(): number;
  /** The end of the list is in view (always, for a list shorter than its viewport). */
  atEnd(): boolean;
}

/**
 * The scrolling list of a log: only the rows in view (and a few around) are in the DOM, whatever the number of
 * rows, so a log of millions of lines scrolls like a short one. Rows have one fixed height; long lines do not
 * wrap (the list scrolls sideways, very long ones are cut by the row).
 */
export const VirtualLogList = forwardRef<VirtualLogListHandle, VirtualLogListProps>(function VirtualLogList({ rows, widestChars, following, renderRow, onScrolled, label }, handle) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const geometry: RowsGeometry = { rows, rowHeight: ROW_HEIGHT, viewport };

  const setTop = useCallback((top: number) => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = top;
    setScrollTop(element.scrollTop);
  }, []);

  useImperativeHandle(handle, () => ({
    scrollToRow: (row) => setTop(scrollForRow(geometry, Math.max(0, row - 3))),
    shiftRows: (count) => setTop((scroller.current?.scrollTop ?? 0) + count * ROW_HEIGHT),
    scrollToEnd: () => setTop(contentHeight(geometry)),
    topRow: () => Math.floor(rowAtScroll(geometry, scroller.current?.scrollTop ?? 0)),
    atEnd: () => {
      const element = scroller.current;
      return !element || atBottom(element.scrollTop, element.scrollHeight, element.clientHeight);
    },
  }));

  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || 400));
    observer.observe(element);
    setViewport(element.clientHeight || 400);
    return () => observer.disconnect();
  }, []);

  // Following: the rows drawn are the last ones, and the end is scrolled into view before the browser paints.
  // The browser puts the position at the true end (whatever the viewport's size just became); the scroll event
  // this causes is recognised as ours, so that only the user's own scrolling pauses following.
  const bottom = Math.max(0, contentHeight(geometry) - viewport);
  const top = following ? bottom : scrollTop;
  const ownScroll = useRef(-1);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!following || !element) return;
    element.scrollTop = element.scrollHeight;
    ownScroll.current = element.scrollTop;
    setScrollTop(ownScroll.current);
  }, [following, bottom]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const position = element.scrollTop;
    setScrollTop(position);
    // The element's own sizes, not the last measured ones: when the pane is resized (the other stream's pane
    // grows, the page around it changes), the browser moves the position to the new end before any observer
    // has told us the new size, and that is no reason to stop following.
    onScrolled((following && Math.abs(position - ownScroll.current) <= 2) || atBottom(position, element.scrollHeight, element.clientHeight));
  };

  const shown = visibleRows(geometry, top);
  const drawn: ReactNode[] = [];
  for (let index = shown.from; index < shown.to; index++) drawn.push(<Fragment key={index}>{renderRow(index)}</Fragment>);
  return (
    <div className="log-list" ref={scroller} onScroll={onScroll} tabIndex={0} role="table" aria-label={label} aria-rowcount={rows}>
      <div className="log-list__content" style={{ height: contentHeight(geometry), minWidth: `calc(${widestChars + 2}ch + var(--log-gutter))` }}>
        <div className="log-list__rows" style={{ transform: `translateY(${shown.top}px)` }}>
          {drawn}
        </div>
      </div>
    </div>
  );
});
