import type { CalendarItem } from './calendar-items';

/** Rows of blocks inside one lane at most; the rest are counted. */
export const LANE_ROWS = 6;

/** One satellite's lane: its items in rows (each in the first row free at its start), and how many did not fit. */
export interface TimelineLane {
  readonly satelliteId: string;
  readonly rows: number;
  readonly placed: ReadonlyArray<{ readonly item: CalendarItem; readonly row: number }>;
  readonly hidden: number;
}

/**
 * The timeline's lanes over [from, to): a block is drawn at least 1% of the span wide, so its row is free again
 * only after that. Items are bucketed by satellite in one pass, then each lane sorted by start.
 */
export function timelineLanes(satelliteIds: ReadonlyArray<string>, items: ReadonlyArray<CalendarItem>, from: number, to: number): ReadonlyArray<TimelineLane> {
  const bySatellite = new Map<string, CalendarItem[]>(satelliteIds.map((id) => [id, []]));
  for (const item of items) bySatellite.get(item.satelliteId)?.push(item);
  const minimum = (to - from) / 100;
  return satelliteIds.map((satelliteId) => {
    const mine = bySatellite.get(satelliteId)!.sort((a, b) => a.start - b.start);
    const rowEnds: number[] = [];
    const placed: Array<{ item: CalendarItem; row: number }> = [];
    let hidden = 0;
    for (const item of mine) {
      let row = rowEnds.findIndex((rowEnd) => rowEnd <= item.start);
      if (row === -1) row = rowEnds.length;
      if (row >= LANE_ROWS) {
        hidden += 1;
        continue;
      }
      rowEnds[row] = Math.max(item.end, item.start + minimum);
      placed.push({ item, row });
    }
    return { satelliteId, rows: LANE_ROWS, placed, hidden };
  });
}
