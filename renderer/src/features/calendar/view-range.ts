import { addDays, weekdayOf, zoneDay, type CivilDate, type ZoneDay } from './zone-clock';

/** The calendar's views; their keys (`d w m a l`) are the first letters but the timeline's. */
export const CALENDAR_VIEWS = ['day', 'week', 'month', 'agenda', 'timeline'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export function isCalendarView(value: string | undefined): value is CalendarView {
  return (CALENDAR_VIEWS as ReadonlyArray<string>).includes(value ?? '');
}

/** What a view shows around its anchor date: its days in the display zone, and the instants they span. */
export interface ViewRange {
  readonly view: CalendarView;
  readonly anchor: CivilDate;
  readonly days: ReadonlyArray<ZoneDay>;
  readonly from: number;
  readonly to: number;
}

/** Days the agenda lists from its anchor. */
const AGENDA_DAYS = 7;

function firstAndCount(view: CalendarView, anchor: CivilDate): readonly [CivilDate, number] {
  switch (view) {
    case 'day':
    case 'timeline':
      return [anchor, 1];
    case 'week':
      return [addDays(anchor, -weekdayOf(anchor)), 7];
    case 'agenda':
      return [anchor, AGENDA_DAYS];
    case 'month': {
      // Whole weeks, Monday first, around the month: at most 42 days (the server answers up to 62).
      const first = `${anchor.slice(0, 8)}01`;
      const last = addDays(monthStep(first, 1), -1);
      const start = addDays(first, -weekdayOf(first));
      const end = addDays(last, 6 - weekdayOf(last));
      return [start, Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1];
    }
  }
}

/**
 * Ranges computed lately: a day's instants need the zone's offsets (Intl, slow), and switching back and forth
 * between views then gives the very same range, so that what is memoised on it stays.
 */
const RANGES_KEPT = 64;
const ranges = new Map<string, ViewRange>();

/** The days a view shows around `anchor`, in `zone`. */
export function viewRange(view: CalendarView, anchor: CivilDate, zone: string): ViewRange {
  const key = `${view}|${anchor}|${zone}`;
  let range = ranges.get(key);
  if (!range) {
    const [first, count] = firstAndCount(view, anchor);
    const days = Array.from({ length: count }, (_, index) => zoneDay(addDays(first, index), zone));
    range = { view, anchor, days, from: days[0]!.start, to: days[days.length - 1]!.end };
    ranges.set(key, range);
    // The oldest leave first (insertion order).
    if (ranges.size > RANGES_KEPT) ranges.delete(ranges.keys().next().value!);
  }
  return range;
}

/** The same civil day `months` later, kept inside the month (31 Jan + 1 month = 28 Feb). */
export function monthStep(date: CivilDate, months: number): CivilDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const length = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, length)).padStart(2, '0')}`;
}

/** The anchor one step back (-1) or on (1): a day, a week, a month, the agenda's length. */
export function stepAnchor(view: CalendarView, anchor: CivilDate, direction: -1 | 1): CivilDate {
  switch (view) {
    case 'day':
    case 'timeline':
      return addDays(anchor, direction);
    case 'week':
    case 'agenda':
      return addDays(anchor, 7 * direction);
    case 'month':
      return monthStep(anchor, direction);
  }
}
