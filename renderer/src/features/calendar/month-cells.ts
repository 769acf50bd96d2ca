import type { CalendarItem } from './calendar-items';
import type { ZoneDay } from './zone-clock';

/** A month cell's share of the items: the first few by start, and how many more there are. */
export interface MonthCell {
  readonly day: ZoneDay;
  readonly first: ReadonlyArray<CalendarItem>;
  readonly more: number;
}

/**
 * Each day's items (those starting in it or running into it), the first `perCell` by start. One pass over the
 * items sorted by start, each finding its first day by binary search: a month holds tens of thousands of fires.
 */
export function monthCells(days: ReadonlyArray<ZoneDay>, items: ReadonlyArray<CalendarItem>, perCell: number): ReadonlyArray<MonthCell> {
  const first: CalendarItem[][] = days.map(() => []);
  const counts = days.map(() => 0);
  const sorted = [...items].sort((a, b) => a.start - b.start);
  for (const item of sorted) {
    const last = Math.max(item.end, item.start);
    for (let index = firstDayEndingAfter(days, item.start); index < days.length && days[index]!.start <= last; index += 1) {
      counts[index]! += 1;
      if (first[index]!.length < perCell) first[index]!.push(item);
    }
  }
  return days.map((day, index) => ({ day, first: first[index]!, more: Math.max(0, counts[index]! - perCell) }));
}

/** The index of the first day that ends after `at` (days.length when none). */
function firstDayEndingAfter(days: ReadonlyArray<ZoneDay>, at: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (days[middle]!.end <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}
