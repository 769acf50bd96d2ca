import { snapToWallClock } from '@taskomatic/shared';
import { instantOf, type ZoneDay } from '../zone-clock';

const MINUTE = 60_000;

/** Where a day column sits on screen (its bounding box), as read at each pointer move. */
export interface ColumnBox {
  readonly day: ZoneDay;
  readonly left: number;
  readonly right: number;
  readonly top: number;
}

/**
 * The instant under the pointer: the day column it is over (the nearest one when it is beside the grid), the wall
 * minute from the column's top (`pxPerMinute`), read in the display zone, snapped on the wall clock of `snapZone`
 * (5 minutes; 1 when `fine`, Alt held). `grabOffsetPx` keeps the block's top where it was grabbed, not under the
 * pointer. Null when there is no column.
 */
export function instantAtPointer(
  columns: ReadonlyArray<ColumnBox>,
  x: number,
  y: number,
  grabOffsetPx: number,
  pxPerMinute: number,
  zone: string,
  snapZone: string,
  fine: boolean,
): number | null {
  if (columns.length === 0) return null;
  const column = columns.find((box) => x >= box.left && x < box.right) ?? (x < columns[0]!.left ? columns[0]! : columns[columns.length - 1]!);
  const minute = Math.min(1439, Math.max(0, (y - grabOffsetPx - column.top) / pxPerMinute));
  const raw = instantOf(column.day.date, Math.floor(minute), zone) + Math.round((minute % 1) * 60) * 1000;
  // The last minutes of a day would round up to the next day's midnight: a place not in this column (in the day
  // view, not drawn at all). The ghost stays on the column's last snap instead.
  const step = (fine ? 1 : 5) * MINUTE;
  let snapped = snapToWallClock(raw, snapZone, fine);
  while (snapped >= column.day.end) snapped -= step;
  return snapped;
}
