import { bandStrips, type BandStrip } from './band-strips';
import type { CalendarItem } from './calendar-items';
import { dayClock } from './day-clock';
import { overlapColumns, type Overflow } from './overlap-columns';
import type { ZoneDay } from './zone-clock';

/** A block placed in a day column, in wall minutes from the day's start. */
export interface GridBlock {
  readonly item: CalendarItem;
  readonly top: number;
  readonly height: number;
  /** The lighter p95 tail below the block. */
  readonly tail: number;
  readonly column: number;
  readonly columns: number;
}

export interface GridDay {
  readonly day: ZoneDay;
  readonly blocks: ReadonlyArray<GridBlock>;
  readonly overflow: ReadonlyArray<Overflow>;
  /** High-frequency schedules: strips in the day's band lane, outside the overlap columns. */
  readonly bands: ReadonlyArray<BandStrip>;
}

/** Columns drawn side by side before the rest are counted ("+12 more"). */
export const MAX_COLUMNS = 6;
/** The day view is seven times as wide: it draws this many overlap columns before "+N more". */
export const DAY_VIEW_MAX_COLUMNS = 24;
/** Drawn at least this tall (minutes), so a one-minute job stays visible and clickable. */
export const MIN_MINUTES = 15;

/**
 * The week and day grids: each day's items clipped to it, positioned by wall minute in the display zone and laid
 * out in overlap columns; bands (hundreds of fires) go to a lane of their own, so they never push real blocks into
 * "+N more". Pure and linear in the items (bucketed by day first), so it can be memoised per answer.
 */
export function gridLayout(days: ReadonlyArray<ZoneDay>, items: ReadonlyArray<CalendarItem>, zone: string, maxColumns = MAX_COLUMNS): ReadonlyArray<GridDay> {
  const buckets: CalendarItem[][] = days.map(() => []);
  for (const item of items) {
    const last = Math.max(item.end, item.tailEnd);
    for (let index = 0; index < days.length; index += 1) {
      const day = days[index]!;
      if (item.start < day.end && last > day.start) buckets[index]!.push(item);
    }
  }
  return days.map((day, index) => {
    const clock = dayClock(day, zone);
    const bucket = buckets[index]!;
    const spans = bucket.filter((item) => item.kind !== 'band').map((item) => {
      const top = clock.minuteOf(item.start);
      const bottom = Math.max(clock.minuteOf(item.end), top + MIN_MINUTES);
      const tailBottom = Math.max(bottom, clock.minuteOf(item.tailEnd));
      return { item, top, bottom, tail: tailBottom - bottom };
    });
    const { placed, overflow } = overlapColumns(spans, maxColumns);
    const blocks = placed.map(({ item: span, column, columns }) => ({ item: span.item, top: span.top, height: span.bottom - span.top, tail: span.tail, column, columns }));
    const bands = bandStrips(day, clock, bucket.filter((item) => item.kind === 'band'));
    return { day, blocks, overflow, bands };
  });
}
