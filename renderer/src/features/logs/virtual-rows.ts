/**
 * Windowing for a list of fixed-height rows: which rows a scroll position shows, and where to draw them. Only
 * those rows are in the DOM. Browsers cap an element's height (Chromium near 33 million pixels, about 1.8
 * million rows of 18 px), so past `MAX_SCROLL_PX` the scroll range is scaled: the scrollbar maps
 * proportionally onto the rows, and rows are drawn at the scroll position rather than at `row × height`.
 */
export const MAX_SCROLL_PX = 10_000_000;

/** The geometry of a list: rows, their height, and the viewport's height, in pixels. */
export interface RowsGeometry {
  readonly rows: number;
  readonly rowHeight: number;
  readonly viewport: number;
}

/** What to draw for a scroll position. */
export interface VisibleRows {
  /** First row to draw (inclusive) and last (exclusive), with a few rows of margin. */
  readonly from: number;
  readonly to: number;
  /** Where row `from` is drawn, in pixels from the top of the scrolled content. */
  readonly top: number;
}

/** Height of the scrolled content. */
export function contentHeight({ rows, rowHeight }: RowsGeometry): number {
  return Math.min(rows * rowHeight, MAX_SCROLL_PX);
}

function scaled(geometry: RowsGeometry): boolean {
  return geometry.rows * geometry.rowHeight > MAX_SCROLL_PX;
}

/** Rows that do not fit in the viewport: the last scroll position shows row `hiddenRows` at the top. */
function hiddenRows({ rows, rowHeight, viewport }: RowsGeometry): number {
  return Math.max(0, rows - viewport / rowHeight);
}

/** The row (fractional) at the top of the viewport for a scroll position. */
export function rowAtScroll(geometry: RowsGeometry, scrollTop: number): number {
  if (!scaled(geometry)) return scrollTop / geometry.rowHeight;
  const range = Math.max(1, contentHeight(geometry) - geometry.viewport);
  return (Math.min(scrollTop, range) / range) * hiddenRows(geometry);
}

/** The scroll position that puts `row` at the top of the viewport (clamped to the scroll range). */
export function scrollForRow(geometry: RowsGeometry, row: number): number {
  const range = Math.max(0, contentHeight(geometry) - geometry.viewport);
  const wanted = scaled(geometry) ? (row / Math.max(1, hiddenRows(geometry))) * range : row * geometry.rowHeight;
  return Math.max(0, Math.min(range, wanted));
}

/** The rows to draw at `scrollTop`, with `margin` rows above and below the viewport. */
export function visibleRows(geometry: RowsGeometry, scrollTop: number, margin = 8): VisibleRows {
  const exact = rowAtScroll(geometry, scrollTop);
  const first = Math.floor(exact);
  const shown = Math.ceil(geometry.viewport / geometry.rowHeight) + 1;
  const from = Math.max(0, first - margin);
  const to = Math.min(geometry.rows, first + shown + margin);
  const firstTop = scrollTop - (exact - first) * geometry.rowHeight;
  return { from, to, top: firstTop - (first - from) * geometry.rowHeight };
}

/** True when the viewport shows the end of the list (within a few pixels). */
export function atBottom(scrollTop: number, scrollHeight: number, clientHeight: number): boolean {
  return scrollHeight - scrollTop - clientHeight <= 4;
}
