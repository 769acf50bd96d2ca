import type { CalendarItem } from './calendar-items';

/**
 * Work derived from an items list (a layout, a filter's result), kept as long as the list lives: the lists are
 * kept per satellite answer (use-calendar-data.ts), so a week shown again, from another view or after leaving the
 * screen, is laid out once, not at each visit.
 */
const derived = new WeakMap<ReadonlyArray<CalendarItem>, Map<string, unknown>>();

/** `compute()` for this list and key (what else the result depends on: the range, the zone, the filter). */
export function derivedOf<T>(items: ReadonlyArray<CalendarItem>, key: string, compute: () => T): T {
  let forList = derived.get(items);
  if (!forList) derived.set(items, (forList = new Map()));
  if (!forList.has(key)) forList.set(key, compute());
  return forList.get(key) as T;
}

/** Ids of item lists, for keys made of several lists. */
const listIds = new WeakMap<ReadonlyArray<CalendarItem>, number>();
let nextListId = 1;

function idOf(list: ReadonlyArray<CalendarItem>): number {
  let id = listIds.get(list);
  if (id === undefined) listIds.set(list, (id = nextListId++));
  return id;
}

/** Merged lists kept (a few views and weeks of each set of satellites shown). */
const MERGED_KEPT = 32;
const merged = new Map<string, ReadonlyArray<CalendarItem>>();

/** The satellites' lists as one, the same array for the same lists: what is laid out keeps its cache. */
export function mergedItems(lists: ReadonlyArray<ReadonlyArray<CalendarItem>>): ReadonlyArray<CalendarItem> {
  if (lists.length === 1) return lists[0]!;
  const key = lists.map(idOf).join(',');
  let found = merged.get(key);
  if (!found) {
    found = lists.flat();
    merged.set(key, found);
    // The oldest leave first (insertion order).
    for (const old of [...merged.keys()].slice(0, Math.max(0, merged.size - MERGED_KEPT))) merged.delete(old);
  }
  return found;
}
