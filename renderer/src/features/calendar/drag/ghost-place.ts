import { dayClock } from '../day-clock';
import type { ZoneDay } from '../zone-clock';

/** Where a block starting at `at` is drawn, relative to the grid element; null when its day is not shown. */
export interface GhostPlace {
  readonly left: number;
  readonly top: number;
  readonly width: number;
}

/**
 * Reads the day columns' boxes (`.time-grid__column`, one per shown day, in order; their `.time-grid__blocks` part,
 * right of the band lane, for the width) to place a ghost: the drag layer draws over the grid rather than inside a
 * column, so the grid's own blocks never re-render while dragging.
 */
export function ghostPlace(grid: HTMLElement, days: ReadonlyArray<ZoneDay>, zone: string, at: number, pxPerMinute: number): GhostPlace | null {
  const index = days.findIndex((day) => at >= day.start && at < day.end);
  const column = index < 0 ? undefined : grid.querySelectorAll<HTMLElement>('.time-grid__column')[index];
  if (!column) return null;
  const gridBox = grid.getBoundingClientRect();
  const box = column.getBoundingClientRect();
  // Over the blocks' part of the column, as the block will be drawn: the band lane at its left stays readable.
  const blocks = column.querySelector<HTMLElement>('.time-grid__blocks')?.getBoundingClientRect() ?? box;
  return { left: blocks.left - gridBox.left, top: box.top - gridBox.top + dayClock(days[index]!, zone).minuteOf(at) * pxPerMinute, width: blocks.width };
}

/** The columns' boxes on screen, for the pointer → instant mapping. */
export function columnBoxes(grid: HTMLElement, days: ReadonlyArray<ZoneDay>) {
  return [...grid.querySelectorAll<HTMLElement>('.time-grid__column')].slice(0, days.length).map((column, index) => {
    const box = column.getBoundingClientRect();
    return { day: days[index]!, left: box.left, right: box.right, top: box.top };
  });
}
