/** Something with a drawn extent in one day, in wall minutes. */
export interface Span {
  readonly top: number;
  readonly bottom: number;
}

/** Where a span sits among those it overlaps: column `column` of `columns`. */
export interface Placed<T> {
  readonly item: T;
  readonly column: number;
  readonly columns: number;
}

/** A group of overlapping spans with more columns than can be drawn: they are counted, never dropped silently. */
export interface Overflow {
  readonly top: number;
  readonly hidden: number;
}

/**
 * Lays overlapping spans side by side, as calendars do: spans that overlap (directly or through others) form a
 * cluster, each takes the first free column, and the cluster shares its width among its columns. Beyond
 * `maxColumns` the rest are counted per cluster in `overflow`. O(n log n + n·columns).
 */
export function overlapColumns<T extends Span>(spans: ReadonlyArray<T>, maxColumns: number): { readonly placed: ReadonlyArray<Placed<T>>; readonly overflow: ReadonlyArray<Overflow> } {
  const sorted = [...spans].sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  const placed: Placed<T>[] = [];
  const overflow: Overflow[] = [];
  let cluster: Array<{ item: T; column: number }> = [];
  let columnEnds: number[] = [];
  let clusterBottom = -Infinity;
  let hidden = 0;
  let clusterTop = 0;
  const close = () => {
    const columns = Math.min(maxColumns, columnEnds.length);
    for (const entry of cluster) placed.push({ item: entry.item, column: entry.column, columns });
    if (hidden > 0) overflow.push({ top: clusterTop, hidden });
    cluster = [];
    columnEnds = [];
    hidden = 0;
  };
  for (const span of sorted) {
    if (span.top >= clusterBottom && cluster.length + hidden > 0) close();
    if (cluster.length === 0 && hidden === 0) clusterTop = span.top;
    clusterBottom = cluster.length + hidden === 0 ? span.bottom : Math.max(clusterBottom, span.bottom);
    let column = columnEnds.findIndex((end) => end <= span.top);
    if (column === -1) column = columnEnds.length;
    columnEnds[column] = span.bottom;
    if (column < maxColumns) cluster.push({ item: span, column });
    else hidden += 1;
  }
  close();
  return { placed, overflow };
}
