import { offsetMinutes, type ZoneDay } from './zone-clock';

/**
 * Instant → wall minute of one day in the display zone, cheaply: the offset is read once at each end of the day
 * (Intl is too slow to ask per block when thousands are drawn); a day holding a clock change finds it once.
 */
export interface DayClock {
  readonly day: ZoneDay;
  /** Minutes of wall clock from the day's start (0…1440; a change day still maps onto 24 drawn hours). */
  minuteOf(ms: number): number;
}

const MINUTE = 60_000;

export function dayClock(day: ZoneDay, zone: string): DayClock {
  const before = offsetMinutes(day.start, zone);
  const after = offsetMinutes(day.end - MINUTE, zone);
  if (before === after) return { day, minuteOf: (ms) => clamp((ms - day.start) / MINUTE) };
  let low = day.start;
  let high = day.end - MINUTE;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetMinutes(middle, zone) === before) low = middle;
    else high = middle;
  }
  const change = high;
  return { day, minuteOf: (ms) => clamp((ms - day.start) / MINUTE + (ms >= change ? after - before : 0)) };
}

function clamp(minute: number): number {
  return Math.min(1440, Math.max(0, minute));
}
