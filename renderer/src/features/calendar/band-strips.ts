import type { CalendarItem } from './calendar-items';
import type { DayClock } from './day-clock';
import type { ZoneDay } from './zone-clock';

/** A high-frequency schedule's part of one day, drawn as a thin strip in the day's band lane, never as a column. */
export interface BandStrip {
  readonly item: CalendarItem;
  /** Wall minutes from the day's start. */
  readonly top: number;
  readonly height: number;
  /** Sub-lane among the day's strips, so two bands of the same hours stay apart. */
  readonly lane: number;
  /** Fires (or runs) of this band within the day. */
  readonly count: number;
}

/** Drawn at least this tall (minutes), so a band of a few fires is still seen and clickable. */
const MIN_STRIP_MINUTES = 20;

/**
 * The day's share of a band: with a regular interval, exactly the fires that fall in the day; otherwise the
 * band's count spread over its span (runs of the past have no interval). Never more than the band holds.
 */
export function firesInDay(item: CalendarItem, day: ZoneDay): number {
  const band = item.band;
  if (!band) return 0;
  const first = item.start;
  const last = band.last ?? item.start;
  const from = Math.max(first, day.start);
  const to = Math.min(last, day.end - 1);
  if (to < from) return 0;
  if (band.everySeconds) {
    const step = band.everySeconds * 1000;
    const firstInDay = first + Math.ceil((from - first) / step) * step;
    return firstInDay > to ? 0 : Math.min(band.count, Math.floor((to - firstInDay) / step) + 1);
  }
  const span = last - first;
  return span <= 0 ? band.count : Math.min(band.count, Math.max(1, Math.round((band.count * (to - from)) / span)));
}

/** The day's bands as strips, one sub-lane each (ordered by satellite and label, so a lane keeps its band all week). */
export function bandStrips(day: ZoneDay, clock: DayClock, bands: ReadonlyArray<CalendarItem>): ReadonlyArray<BandStrip> {
  const sorted = [...bands].sort((a, b) => a.satelliteId.localeCompare(b.satelliteId) || a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  return sorted.map((item, lane) => {
    const top = clock.minuteOf(Math.max(item.start, day.start));
    const bottom = Math.max(clock.minuteOf(Math.min(item.end, day.end)), top + MIN_STRIP_MINUTES);
    return { item, top, height: bottom - top, lane, count: firesInDay(item, day) };
  });
}
