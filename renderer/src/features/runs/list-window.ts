/** The rows of a long list worth drawing: those in view and `overscan` more on each side. */
export interface ListWindow {
  /** First row drawn (inclusive). */
  readonly first: number;
  /** Row after the last drawn (exclusive). */
  readonly end: number;
}

/**
 * Which rows to draw for a list of `count` rows of `rowHeight` px, scrolled to `scrollTop` in a view `height` px
 * high. The overscan covers a fast fling between two frames, so the rows are already there when they come in view.
 */
export function listWindow(scrollTop: number, height: number, count: number, rowHeight: number, overscan: number): ListWindow {
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const bottom = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { first: Math.min(top, count), end: Math.max(bottom, Math.min(top, count)) };
}

/**
 * How many rows the row that was at the top of the view (`anchor`, at `topIndex`) moved by when the list changed
 * (runs added or removed above it), so the view can follow it and keep showing what it showed. 0 when it is gone.
 */
export function anchorShift<T>(anchor: T | undefined, topIndex: number, after: ReadonlyArray<T>, same: (a: T, b: T) => boolean): number {
  if (anchor === undefined) return 0;
  const found = after.findIndex((item) => same(item, anchor));
  return found < 0 ? 0 : found - topIndex;
}
